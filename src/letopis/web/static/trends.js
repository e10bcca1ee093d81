// The trends page: one sparkline per place (uPlot) with its spikes marked, and the latest period's
// score on the offline map (Leaflet over world-atlas): countries filled, first-level regions as
// circles at their centres (there are no offline region shapes). Names are set as text only.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("trend-data").textContent);
  // Score bands: -log10 of the count's probability under the place's baseline (docs/trends.md).
  var BANDS = [
    { below: 1, colour: "#fde9c9", label: "как обычно (оценка < 1)" },
    { below: 2, colour: "#f4a261", label: "необычно (1–2)" },
    { below: Infinity, colour: "#c0392b", label: "очень необычно (≥ 2)" }
  ];
  var NO_BASELINE = { colour: "#cfcfcf", label: "истории пока мало" };
  var SPIKE = "#c0392b", DEATHS = "#1d1d1f";

  function colour(score) {
    if (score === null || score === undefined) return NO_BASELINE.colour;
    for (var i = 0; i < BANDS.length; i++) if (score < BANDS[i].below) return BANDS[i].colour;
  }

  function timelineUrl(place) {
    var query = new URLSearchParams({ place: place });
    if (data.type) query.set("type", data.type);
    return "/ui/?" + query.toString();
  }

  function seconds(iso) { return Date.parse(iso + "T00:00:00Z") / 1000; }

  function marked(card, periods) {  // the count at the periods listed, nothing elsewhere
    return card.periods.map(function (p, i) { return periods.indexOf(p) >= 0 ? card.counts[i] : null; });
  }

  function dots(fill) {
    return { paths: function () { return null; }, stroke: fill,
             points: { show: true, size: 9, width: 2, stroke: fill, fill: fill } };
  }

  function sparkline(item) {
    var card = JSON.parse(item.dataset.card);
    var holder = item.querySelector(".spark");
    var width = Math.max(160, holder.clientWidth || 240);
    return new uPlot({
      width: width, height: 64, padding: [8, 8, 2, 4], legend: { show: false }, cursor: { show: false },
      scales: { x: { time: true }, y: { range: function (u, low, high) { return [0, Math.max(high || 0, 1) * 1.25]; } } },
      axes: [{ show: false }, { show: false }],
      series: [
        {},
        { stroke: "#4a4a4f", width: 1.5, fill: "rgba(74,74,79,0.10)", points: { show: false } },
        { stroke: "#8a8a90", width: 1, dash: [4, 3], points: { show: false } },
        dots(SPIKE),
        dots(DEATHS)
      ]
    }, [card.periods.map(seconds), card.counts, card.expected, marked(card, card.spikes),
        marked(card, card.fatality_spikes)], holder);
  }

  function label(row, level) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = row.place + (level ? " (" + level + ")" : "");
    var figures = document.createElement("div");
    figures.textContent = "событий: " + row.count +
      (row.expected !== null ? ", ожидалось " + row.expected + ", оценка " + row.score : ", истории пока мало") +
      (row.spike ? " — всплеск" : "") + (row.fatality_spike ? "; всплеск числа погибших" : "");
    box.append(name, figures);
    return box;
  }

  function legend() {
    var holder = document.getElementById("trend-legend");
    BANDS.concat([NO_BASELINE]).forEach(function (band) {
      var key = document.createElement("span");
      var swatch = document.createElement("i");
      swatch.style.background = band.colour;
      key.append(swatch, band.label);
      holder.append(key);
    });
  }

  function located(rows) {
    return rows.filter(function (r) { return r.lat !== null && r.lon !== null; });
  }

  function drawMap() {
    var map = L.map("trend-map", { worldCopyJump: true, minZoom: 1, attributionControl: false }).setView([50, 60], 3);
    map.createPane("land").style.zIndex = 250;
    var byShape = {};
    data.countries.forEach(function (row) { if (row.shape) byShape[row.shape] = row; });
    located(data.regions).forEach(function (row) {
      L.circleMarker([row.lat, row.lon], {
        radius: Math.min(30, 5 + 4 * Math.sqrt(row.count)), color: "#1d1d1f", weight: 2,
        fillColor: colour(row.score), fillOpacity: 1, className: "region-marker"
      }).bindTooltip(label(row, "регион")).on("click", function () { window.location.href = timelineUrl(row.place); })
        .addTo(map);
    });
    // the view holds every region's centre and every country's capital (a country's shape may
    // span the antimeridian)
    var centres = located(data.regions).concat(located(data.countries)).map(function (r) { return [r.lat, r.lon]; });
    if (centres.length) map.fitBounds(centres, { maxZoom: 4, padding: [80, 80] });
    fetch("/vendor/world-atlas/countries-50m.json")
      .then(function (r) { return r.json(); })
      .then(function (world) {
        L.geoJSON(topojson.feature(world, world.objects.countries), {
          pane: "land",
          style: function (f) {
            var row = byShape[f.id];
            return { color: "#9a9a9a", weight: 0.6, fillOpacity: row ? 0.55 : 1,
                     fillColor: row ? colour(row.score) : "#f3f0e7", className: row ? "country-shape" : "" };
          },
          onEachFeature: function (f, layer) {
            var row = byShape[f.id];
            if (row) layer.bindTooltip(label(row, "страна")).on("click", function () { window.location.href = timelineUrl(row.place); });
          }
        }).addTo(map);
        document.getElementById("trend-map").dataset.drawn = "true";
      });
  }

  document.querySelectorAll(".multiple").forEach(function (item) {
    sparkline(item);
    item.querySelector(".spark").dataset.drawn = "true";
  });
  legend();
  drawMap();
})();
