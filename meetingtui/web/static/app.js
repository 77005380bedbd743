// The chair's page: shows the view the server sends (the same model as the terminal's
// chair views) and nothing else. Text is set with textContent only, never as HTML.
"use strict";

const token = new URLSearchParams(location.search).get("t") || "";
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function fill(list, nodes) {
  list.replaceChildren(...nodes);
}

function render(data) {
  const view = data.view;
  $("body").textContent = view.body;
  $("when").textContent = view.when;
  $("rehearsal").hidden = !view.rehearsal;
  document.title = `${view.quorate ? "JA" : "NEJ"} · ${view.body}`;

  $("quorum").className = "quorum " + (view.quorate ? "yes" : "no");
  $("quorum-words").textContent = view.quorum_words;
  $("quorum-numbers").textContent = view.quorum_numbers;
  $("counts").textContent = view.counts;
  $("seats").textContent = view.seats_text;

  $("now").textContent = view.now;
  fill($("so-far"), view.so_far.map((line) => el("li", line)));

  const groups = view.groups.map(([key, title]) => {
    const rows = view.people.filter((row) => row.group === key);
    const box = el("div", undefined, "group " + key);
    box.append(el("h2", `${title} (${rows.length})`));
    const list = el("ul", undefined, "people");
    for (const row of rows) {
      const item = el("li");
      item.append(el("span", row.name, "name"), el("span", row.party, "party"));
      const detail = key === "out" ? row.note || row.taking_part : row.status;
      if (detail && detail !== "til stede") item.append(el("span", detail, "detail"));
      list.append(item);
    }
    if (rows.length === 0) list.append(el("li", "ingen", "none"));
    box.append(list);
    return box;
  });
  fill($("people"), groups);

  fill(
    $("items"),
    view.items.map((row) => {
      const item = el("li", undefined, "item " + row.status);
      item.append(el("span", row.mark, "mark"), el("span", `${row.number}.`, "number"));
      const title = el("span", undefined, "title");
      if (row.closed) title.append(el("span", "lukket", "closed"));
      title.append(document.createTextNode(row.title));
      item.append(title, el("span", row.word, "word"));
      if (row.status === "under_way") item.setAttribute("aria-current", "step");
      return item;
    }),
  );
  // The item under way in view within the agenda's own column (never the page).
  const current = document.querySelector(".item.under_way");
  const column = $("items-column");
  if (current && (current.offsetTop < column.scrollTop ||
      current.offsetTop + current.offsetHeight > column.scrollTop + column.clientHeight)) {
    column.scrollTop = current.offsetTop - column.clientHeight / 3;
  }

  $("movements-box").hidden = view.movements.length === 0;
  fill($("movements"), view.movements.map((line) => el("li", line)));

  $("status").textContent = data.status;
  $("status").hidden = !data.status;
  document.body.classList.toggle("stale", !data.writing);
}

function clock() {
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${two(now.getHours())}.${two(now.getMinutes())}.${two(now.getSeconds())}`;
}

let source = null;

function connect() {
  source = new EventSource(`/events?t=${encodeURIComponent(token)}`);
  source.addEventListener("view", (event) => {
    render(JSON.parse(event.data));
    $("connection").textContent = `Opdateret kl. ${clock()}`;
    document.body.classList.remove("offline");
  });
  source.addEventListener("error", () => {
    document.body.classList.add("offline");
    if (source.readyState === EventSource.CLOSED) {
      // Refused (a new token after a restart) or gone: try again, say so.
      $("connection").textContent =
        "Forbindelsen til sekretærens computer er afbrudt. Prøver igen … " +
        "Hvis det varer ved, så åbn adressen fra sekretærens skærm igen.";
      source.close();
      setTimeout(connect, 3000);
    } else {
      $("connection").textContent =
        "Forbindelsen til sekretærens computer er afbrudt. Prøver igen …";
    }
  });
}

connect();
