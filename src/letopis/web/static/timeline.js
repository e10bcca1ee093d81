// The timeline of chronicle events (vis-timeline). Labels are set as text, never parsed as HTML.
// An event known to the day is a box on its day; one known only to its month or year is a point
// at the start of that period, marked «весь месяц», «весь год», never a bar across it. The view
// opens on the span that holds most events, not from the earliest outlier.
(function () {
  "use strict";
  var container = document.getElementById("timeline");
  var items = new vis.DataSet();
  var DAY = 24 * 60 * 60 * 1000;

  function toItem(e) {
    var content = document.createElement("span");
    content.textContent = e.label + (e.place ? " · " + e.place : "") + (e.mark ? " · " + e.mark : "");
    content.dataset.event = e.id;
    var coarse = e.grain === "month" || e.grain === "year";
    return { id: e.id, content: content, start: e.start, type: coarse ? "point" : "box",
             title: e.date, className: "event-item grain-" + (e.grain || "day") + " conf-" + e.confidence,
             style: (coarse ? "color: " + e.colour : "border-color: " + e.colour + "; background-color: " + e.colour + "33") };
  }

  function busiest(dates) {
    // the shortest window holding 80% of the events (all of them when there are few)
    var times = dates.map(function (d) { return Date.parse(d + "T00:00:00Z"); }).sort(function (a, b) { return a - b; });
    var keep = times.length < 5 ? times.length : Math.ceil(times.length * 0.8);
    var best = [times[0], times[times.length - 1]];
    for (var i = 0; i + keep - 1 < times.length; i++) {
      if (times[i + keep - 1] - times[i] < best[1] - best[0]) best = [times[i], times[i + keep - 1]];
    }
    var pad = Math.max(3 * DAY, (best[1] - best[0]) * 0.1);
    return [new Date(best[0] - pad), new Date(best[1] + pad)];
  }

  function load() {
    var holder = document.getElementById("event-data");  // absent when the filters were refused
    var data = holder ? JSON.parse(holder.dataset.items) : [];
    var dated = data.filter(function (e) { return e.start; });
    items.clear();
    items.add(dated.map(toItem));
    if (dated.length) {
      var span = busiest(dated.map(function (e) { return e.start; }));
      timeline.setWindow(span[0], span[1], { animation: false });
    }
  }

  var timeline = new vis.Timeline(container, items, {
    stack: true, zoomMin: DAY, minHeight: 160, maxHeight: 600, verticalScroll: true,
    zoomKey: "ctrlKey", locale: "ru", selectable: true, margin: { item: { horizontal: 4, vertical: 6 } }
  });
  timeline.on("select", function (props) {
    if (props.items.length) window.location.href = "/ui/events/" + encodeURIComponent(props.items[0]);
  });
  document.body.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.detail.target.id === "events") load();
  });
  load();
})();
