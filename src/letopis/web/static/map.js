// The map: country borders from world-atlas (no tile server), events as circles sized by
// fatalities and coloured by type; a click opens the event.
(function () {
  "use strict";
  var map = L.map("map", { worldCopyJump: true, minZoom: 1, attributionControl: false }).setView([45, 60], 3);
  map.createPane("land").style.zIndex = 250;
  var markers = L.featureGroup().addTo(map);

  fetch("/vendor/world-atlas/countries-50m.json")
    .then(function (r) { return r.json(); })
    .then(function (world) {
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        pane: "land", interactive: false,
        style: { color: "#9a9a9a", weight: 0.6, fillColor: "#f3f0e7", fillOpacity: 1 }
      }).addTo(map);
    });

  function popup(e) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = e.label + (e.place ? " · " + e.place : "");
    var when = document.createElement("div");
    when.textContent = (e.date || "дата неизвестна") +
      (e.fatalities !== null ? " · погибших: " + e.fatalities : "") + " · источников: " + e.sources;
    var sentence = document.createElement("p");
    sentence.textContent = e.sentence || "";
    var link = document.createElement("a");
    link.href = "/ui/events/" + encodeURIComponent(e.id);
    link.textContent = "Открыть событие";
    box.append(title, when, sentence, link);
    return box;
  }

  function load() {
    var holder = document.getElementById("event-data");  // absent when the filters were refused
    var data = holder ? JSON.parse(holder.dataset.items) : [];
    markers.clearLayers();
    data.filter(function (e) { return e.lat !== null && e.lon !== null; }).forEach(function (e) {
      L.circleMarker([e.lat, e.lon], {
        radius: Math.min(40, 6 + 3 * Math.sqrt(e.fatalities || 0)),
        color: e.colour, fillColor: e.colour, fillOpacity: 0.55, weight: 2, className: "event-marker"
      }).bindPopup(popup(e)).addTo(markers);
    });
    if (markers.getLayers().length) map.fitBounds(markers.getBounds(), { maxZoom: 7, padding: [40, 40] });
  }

  document.body.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.detail.target.id === "events") load();
  });
  load();
})();
