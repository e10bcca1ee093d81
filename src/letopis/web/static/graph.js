// The entity graph (cytoscape): who acted on whom and who quoted whom.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var types = JSON.parse(document.getElementById("type-labels").textContent);
  function edgeLabel(e) {  // an event type's Russian label; «цитирует» comes as it is
    return e.kind === "acted" && types[e.label] ? types[e.label].label : e.label;
  }
  var colours = { PER: "#1565c0", ORG: "#6a1b9a", LOC: "#2e7d32" };
  var elements = data.nodes.map(function (n) {
    return { data: { id: "n" + n.id, label: n.name, name: n.name, colour: colours[n.type] || "#757575" } };
  }).concat(data.edges.map(function (e, i) {
    return { data: { id: "e" + i, source: "n" + e.source, target: "n" + e.target,
                     label: edgeLabel(e) + (e.count > 1 ? " ×" + e.count : ""), kind: e.kind } };
  }));
  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements,
    layout: { name: elements.length > 1 ? "cose" : "grid", animate: false, padding: 40,
              nodeRepulsion: function () { return 400000; }, idealEdgeLength: function () { return 140; } },
    minZoom: 0.2, maxZoom: 1.5,
    style: [
      { selector: "node", style: { "label": "data(label)", "background-color": "data(colour)",
                                   "font-size": 11, "text-valign": "bottom", "text-margin-y": 4 } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle",
                                   "label": "data(label)", "font-size": 9, "width": 2, "text-rotation": "autorotate",
                                   "text-background-color": "#fff", "text-background-opacity": 0.8 } },
      { selector: "edge[kind = 'acted']", style: { "line-color": "#d32f2f", "target-arrow-color": "#d32f2f" } },
      { selector: "edge[kind = 'quoted']", style: { "line-color": "#1e88e5", "target-arrow-color": "#1e88e5",
                                                    "line-style": "dashed" } }
    ]
  });
  cy.on("tap", "node", function (evt) {
    window.location.href = "/ui/entities/" + encodeURIComponent(evt.target.data("name"));
  });
})();
