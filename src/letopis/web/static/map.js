// The map: country borders from world-atlas (no tile server). An event placed at a town is a
// circle sized by fatalities and coloured by type, gathered into numbered clusters where they
// overlap; one placed only at a country shades that country, one only at a region is a dashed
// ring at its centre (world-atlas has no region borders). A legend, and a date slider that shows
// the events up to a day. Names and sentences are set as text only.
(function () {
  "use strict";
  var map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: false }).setView([45, 60], 3);
  map.createPane("land").style.zIndex = 250;
  var points = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 36 }).addTo(map);
  var regions = L.featureGroup().addTo(map);
  var countries = null, shaded = {}, data = [];
  var slider = document.getElementById("map-date"), sliderText = document.getElementById("map-date-text");

  function radius(e) { return Math.min(40, 6 + 3 * Math.sqrt(e.fatalities || 0)); }

  function popup(list) {
    var box = document.createElement("div");
    list.forEach(function (e) {
      var title = document.createElement("strong");
      title.textContent = e.kind + (e.place ? " · " + e.place : "");
      var when = document.createElement("div");
      when.textContent = e.date + (e.fatalities !== null ? " · погибших: " + e.fatalities : "") + " · источников: " + e.sources;
      var sentence = document.createElement("p");
      sentence.textContent = e.sentence || "";
      var link = document.createElement("a");
      link.href = "/ui/events/" + encodeURIComponent(e.id);
      link.textContent = "Открыть событие";
      box.append(title, when, sentence, link);
    });
    return box;
  }

  function countryStyle(feature) {
    var here = shaded[feature.id];
    return here ? { color: here[0].colour, weight: 1.5, fillColor: here[0].colour, fillOpacity: 0.35, className: "event-area" }
                : { color: "#9a9a9a", weight: 0.6, fillColor: "#f3f0e7", fillOpacity: 1 };
  }

  fetch("/vendor/world-atlas/countries-50m.json")
    .then(function (r) { return r.json(); })
    .then(function (world) {
      countries = L.geoJSON(topojson.feature(world, world.objects.countries), {
        pane: "land", style: countryStyle,
        onEachFeature: function (f, layer) {
          layer.on("click", function (evt) {
            if (shaded[f.id]) L.popup().setLatLng(evt.latlng).setContent(popup(shaded[f.id])).openOn(map);
          });
        }
      }).addTo(map);
      document.getElementById("map").dataset.drawn = "true";
    });

  function legend() {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "map-legend");
      box.id = "map-legend";
      var seen = {};
      data.forEach(function (e) { seen[e.type] = e; });
      Object.keys(seen).forEach(function (type) {
        var row = document.createElement("div");
        var dot = document.createElement("i");
        dot.style.background = seen[type].colour;
        row.append(dot, document.createTextNode(seen[type].label));
        box.append(row);
      });
      [["0", 0], ["10", 10], ["100", 100]].forEach(function (pair) {
        var row = document.createElement("div");
        var ring = document.createElement("i");
        ring.className = "size";
        ring.style.width = ring.style.height = 2 * radius({ fatalities: pair[1] }) + "px";
        row.append(ring, document.createTextNode("погибших: " + pair[0]));
        box.append(row);
      });
      var area = document.createElement("div");
      area.textContent = "закрашенная страна — событие известно только до страны; пунктир — до региона";
      box.append(area);
      return box;
    };
    return control;
  }
  var legendControl = null;

  function draw(upTo) {
    points.clearLayers();
    regions.clearLayers();
    shaded = {};
    var shown = data.filter(function (e) { return e.lat !== null && e.lon !== null && (!upTo || (e.start && e.start <= upTo)); });
    shown.forEach(function (e) {
      if (e.area === "country" && e.shape) {
        (shaded[e.shape] = shaded[e.shape] || []).push(e);
      } else if (e.area === "region") {
        L.circle([e.lat, e.lon], { radius: 120000, color: e.colour, weight: 2, dashArray: "6 6", fillOpacity: 0.08,
                                   className: "event-region" }).bindPopup(popup([e])).addTo(regions);
      } else {
        L.circleMarker([e.lat, e.lon], { radius: radius(e), color: e.colour, fillColor: e.colour, fillOpacity: 0.55,
                                         weight: 2, className: "event-marker" }).bindPopup(popup([e])).addTo(points);
      }
    });
    if (countries) countries.setStyle(countryStyle);
    document.getElementById("map").dataset.shown = String(shown.length);
    return shown;
  }

  function setSlider() {
    var days = data.filter(function (e) { return e.start && e.lat !== null; }).map(function (e) { return e.start; });
    days = days.filter(function (d, i) { return days.indexOf(d) === i; }).sort();
    slider.max = String(days.length);
    slider.value = String(days.length);
    slider.disabled = days.length < 2;
    slider.days = days;
    sliderText.textContent = "все даты";
  }

  slider.addEventListener("input", function () {
    var i = parseInt(slider.value, 10);
    var day = i >= slider.days.length ? null : slider.days[i];
    sliderText.textContent = day ? "по " + day : "все даты";
    draw(day);
  });

  function load() {
    var holder = document.getElementById("event-data");  // absent when the filters were refused
    data = holder ? JSON.parse(holder.dataset.items) : [];
    var shown = draw(null);
    setSlider();
    if (legendControl) legendControl.remove();
    legendControl = legend().addTo(map);
    var centres = shown.map(function (e) { return [e.lat, e.lon]; });
    if (centres.length) map.fitBounds(centres, { maxZoom: 7, padding: [40, 40] });
  }

  document.body.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.detail.target.id === "events") load();
  });
  load();
})();
