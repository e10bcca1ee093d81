// The timeline of chronicle events (vis-timeline). Labels are set as text, never parsed as HTML.
(function () {
  "use strict";
  var container = document.getElementById("timeline");
  var items = new vis.DataSet();

  function dayAfter(iso) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function toItem(e) {
    var content = document.createElement("span");
    content.textContent = e.label + (e.place ? " · " + e.place : "");
    content.dataset.event = e.id;
    var item = { id: e.id, content: content, start: e.start, className: "event-item",
                 style: "border-color: " + e.colour + "; background-color: " + e.colour + "33" };
    if (e.grain !== "day" && e.end && e.end !== e.start) {
      item.end = dayAfter(e.end);  // a month or a week is a range
      item.type = "range";
    }
    return item;
  }

  function load() {
    var holder = document.getElementById("event-data");  // absent when the filters were refused
    var data = holder ? JSON.parse(holder.dataset.items) : [];
    items.clear();
    items.add(data.filter(function (e) { return e.start; }).map(toItem));
    if (items.length) timeline.fit({ animation: false });
  }

  var timeline = new vis.Timeline(container, items, {
    stack: true, zoomMin: 1000 * 60 * 60 * 24, minHeight: 160, maxHeight: 600, verticalScroll: true,
    zoomKey: "ctrlKey", locale: "ru", selectable: true
  });
  timeline.on("select", function (props) {
    if (props.items.length) window.location.href = "/ui/events/" + encodeURIComponent(props.items[0]);
  });
  document.body.addEventListener("htmx:afterSwap", function (evt) {
    if (evt.detail.target.id === "events") load();
  });
  load();
})();
