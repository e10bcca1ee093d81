// The article view: hovering a highlighted run shows the records behind it; clicking an event
// shows its evidence. Everything from the article is set as text.
(function () {
  "use strict";
  var notes = JSON.parse(document.getElementById("notes").textContent);
  var labels = JSON.parse(document.getElementById("label-data").textContent);
  var note = document.getElementById("note");
  var evidence = document.getElementById("evidence");
  var KIND = { entity: "Сущность", time: "Время", quote: "Цитата", event: "Событие" };

  function line(term, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
    var row = document.createElement("div");
    var b = document.createElement("b");
    b.textContent = term + ": ";
    row.append(b, document.createTextNode(Array.isArray(value) ? value.join(", ") : String(value)));
    return row;
  }

  function card(key) {
    var r = notes[key];
    var box = document.createElement("div");
    box.className = "card card-" + r.kind;
    var h = document.createElement("h3");
    h.textContent = KIND[r.kind] + " " + key;
    var rows;
    if (r.kind === "entity") {
      rows = [line("Имя", r.name), line("Тип", labels.entities[r.type] || r.type), line("Роли", r.roles),
              line("Упоминаний", r.mentions),
              r.geo ? line("Координаты", [r.geo.lat, r.geo.lon].join(", ") + " " + (r.geo.country || "")) : null];
    } else if (r.kind === "time") {
      rows = [line("Текст", r.text), line("Значение", r.value), line("Точность", r.grain), line("Часть суток", r.part)];
    } else if (r.kind === "quote") {
      rows = [line("Вид", labels.quotes[r.quote_kind] || r.quote_kind), line("Кто", r.speaker), line("Через", r.via)];
    } else {
      var type = labels.types[r.type];
      rows = [line("Тип", (type ? type.label : r.type) + (r.mode ? " (" + r.mode + ")" : "")), line("Дата", r.date),
              line("Место", r.place), line("Кто", r.actor), line("Против кого", r.target),
              line("Погибших", r.fatalities), line("Достоверность", labels.modalities[r.modality] || r.modality)];
    }
    box.append(h);
    rows.forEach(function (row) { if (row) box.append(row); });
    return box;
  }

  function keysOf(el) { return (el.getAttribute("data-ann") || "").split(" ").filter(Boolean); }

  function showEvidence(id) {
    document.querySelectorAll(".ann.focus").forEach(function (el) { el.classList.remove("focus"); });
    var runs = document.querySelectorAll('.ann[data-ann~="' + CSS.escape(id) + '"]');
    runs.forEach(function (el) { el.classList.add("focus"); });
    evidence.replaceChildren();
    var h = document.createElement("h2");
    h.textContent = "Основание события " + id;
    var q = document.createElement("blockquote");
    q.textContent = notes[id].evidence;
    evidence.append(h, q, card(id));
    evidence.hidden = false;
    if (runs.length) runs[0].scrollIntoView({ block: "center" });
  }

  var text = document.getElementById("article-text");
  text.addEventListener("mouseover", function (evt) {
    var el = evt.target.closest(".ann");
    if (!el) return;
    note.replaceChildren.apply(note, keysOf(el).filter(function (k) { return notes[k]; }).map(card));
  });
  text.addEventListener("click", function (evt) {
    var el = evt.target.closest(".ann.event");
    if (!el) return;
    var events = keysOf(el).filter(function (k) { return notes[k] && notes[k].kind === "event"; });
    if (events.length) showEvidence(events[events.length - 1]);
  });
  document.querySelectorAll("[data-event]").forEach(function (a) {
    a.addEventListener("click", function (evt) {
      evt.preventDefault();
      var id = a.getAttribute("data-event");
      history.replaceState(null, "", "?event=" + encodeURIComponent(id));
      showEvidence(id);
    });
  });
  var focus = new URLSearchParams(window.location.search).get("event");
  if (focus && notes[focus]) showEvidence(focus);
})();
