// newsclaims report: sortable, filterable tables and the article viewer. No library, no network.
(function () {
  "use strict";
  const PAGE = 100;
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const claims = read("claims-data");
  const articles = read("articles-data");
  const views = read("views-data");
  const col = (table) => Object.fromEntries(table.columns.map((name, i) => [name, i]));
  const C = col(claims);
  const A = col(articles);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === "") return 1;
    if (b === null || b === "") return -1;
    return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
  }

  // A table over `rows`: `filter` decides which rows show, header clicks sort, "Show more" pages.
  function browser({ table, rows, sortValue, renderRow, filter, count, more, noun }) {
    const body = table.tBodies[0];
    let order = rows.slice();
    let shown = PAGE;
    let sortKey = null;
    let sortDir = 1;
    function render() {
      const matching = order.filter(filter);
      body.replaceChildren(...matching.slice(0, shown).map(renderRow));
      count.textContent = `${matching.length} of ${rows.length} ${noun}`;
      more.hidden = matching.length <= shown;
    }
    for (const th of table.tHead.querySelectorAll("th[data-key]")) {
      th.addEventListener("click", () => {
        const key = th.dataset.key;
        sortDir = key === sortKey ? -sortDir : 1;
        sortKey = key;
        for (const other of table.tHead.querySelectorAll("th")) other.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
        order = rows.slice().sort((a, b) => sortDir * compare(sortValue(a, key), sortValue(b, key)));
        render();
      });
    }
    more.addEventListener("click", () => { shown += PAGE; render(); });
    return { refresh() { shown = PAGE; render(); } };
  }

  function fillSelect(select, values) {
    for (const value of [...new Set(values)].filter((v) => v !== "").sort()) {
      select.append(el("option", { value, text: value }));
    }
  }

  const articleLink = (index, number) => `#a${index}` + (number ? `-c${number}` : "");
  const outletOf = (claim) => articles.rows[claim[C.article]][A.outlet];

  // Claims browser.
  const claimInputs = {
    search: document.getElementById("claim-search"),
    claim_type: document.getElementById("claim-type"),
    stance: document.getElementById("claim-stance"),
    speaker_type: document.getElementById("claim-speaker-type"),
    outlet: document.getElementById("claim-outlet"),
  };
  fillSelect(claimInputs.claim_type, claims.rows.map((r) => r[C.claim_type]));
  fillSelect(claimInputs.stance, claims.rows.map((r) => r[C.stance]));
  fillSelect(claimInputs.speaker_type, claims.rows.map((r) => r[C.speaker_type]));
  fillSelect(claimInputs.outlet, articles.rows.map((r) => r[A.outlet]));
  const claimTable = browser({
    table: document.getElementById("claim-table"),
    rows: claims.rows,
    noun: "claims",
    count: document.getElementById("claim-count"),
    more: document.getElementById("claim-more"),
    sortValue: (row, key) => key === "article" ? articles.rows[row[C.article]][A.title] : row[C[key]],
    filter: (row) => {
      const words = claimInputs.search.value.trim().toLowerCase();
      for (const key of ["claim_type", "stance", "speaker_type"]) {
        if (claimInputs[key].value && row[C[key]] !== claimInputs[key].value) return false;
      }
      if (claimInputs.outlet.value && outletOf(row) !== claimInputs.outlet.value) return false;
      if (!words) return true;
      const haystack = [row[C.speaker], row[C.affiliation], row[C.cue], row[C.content]].join(" ").toLowerCase();
      return words.split(/\s+/).every((w) => haystack.includes(w));
    },
    renderRow: (row) => {
      const article = articles.rows[row[C.article]];
      const score = row[C.stance_score];
      return el("tr", { "data-claim": `${row[C.article]}-${row[C.number]}` },
        el("td", {}, row[C.speaker], el("span", { class: "aff", text: row[C.affiliation] })),
        el("td", { text: row[C.speaker_type] }),
        el("td", { text: row[C.cue] }),
        el("td", { text: row[C.claim_type] }),
        el("td", {}, el("span", { class: `stance ${row[C.stance]}`, text: row[C.stance] })),
        el("td", { class: "num", text: score === null ? "" : score.toFixed(2) }),
        el("td", { class: "content", text: row[C.content] }),
        el("td", {}, el("a", { href: articleLink(row[C.article], row[C.number]),
          text: `${article[A.title] || article[A.source]} (claim ${row[C.number]})` })));
    },
  });
  document.getElementById("claim-filters").addEventListener("input", () => claimTable.refresh());
  document.getElementById("claim-filters").addEventListener("submit", (e) => e.preventDefault());

  // Article list.
  const articleSearch = document.getElementById("article-search");
  const articleRows = articles.rows.map((row, index) => ({ row, index }));
  const articleTable = browser({
    table: document.getElementById("article-table"),
    rows: articleRows,
    noun: "articles",
    count: document.getElementById("article-count"),
    more: document.getElementById("article-more"),
    sortValue: (item, key) => item.row[A[key]],
    filter: (item) => {
      const words = articleSearch.value.trim().toLowerCase();
      const haystack = [item.row[A.title], item.row[A.outlet], item.row[A.source]].join(" ").toLowerCase();
      return !words || words.split(/\s+/).every((w) => haystack.includes(w));
    },
    renderRow: (item) => el("tr", {},
      el("td", {}, el("a", { href: articleLink(item.index), text: item.row[A.title] || item.row[A.source] })),
      el("td", { text: item.row[A.outlet] }),
      el("td", { text: item.row[A.published] }),
      el("td", { class: "num", text: String(item.row[A.n_claims]) }),
      el("td", { text: item.row[A.source] })),
  });
  articleSearch.addEventListener("input", () => articleTable.refresh());
  document.getElementById("article-filters").addEventListener("submit", (e) => e.preventDefault());

  // Article viewer: a view is displaCy markup, stored as is or gzip+base64 and unpacked when opened.
  const viewer = document.getElementById("viewer");
  const unpacked = new Map();
  async function viewMarkup(index) {
    if (views.encoding === "html") return views.views[index];
    if (!unpacked.has(index)) {
      const bytes = Uint8Array.from(atob(views.views[index]), (c) => c.charCodeAt(0));
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      unpacked.set(index, await new Response(stream).text());
    }
    return unpacked.get(index);
  }

  async function openArticle(index, number) {
    const article = articles.rows[index];
    if (!article) return;
    document.getElementById("viewer-title").textContent = article[A.title] || article[A.source];
    document.getElementById("viewer-meta").textContent =
      [article[A.outlet], article[A.published], article[A.source]].filter(Boolean).join(" · ");
    const body = document.getElementById("viewer-body");
    body.innerHTML = await viewMarkup(index);
    const list = document.getElementById("viewer-claims");
    list.replaceChildren(...claims.rows.filter((r) => r[C.article] === index).map((r) => el("li", {},
      el("a", { href: articleLink(index, r[C.number]), text: `claim ${r[C.number]}` }),
      ` ${r[C.speaker]} (${r[C.cue]}, ${r[C.claim_type]}, ${r[C.stance]}): ${r[C.content]}`)));
    if (!viewer.open) viewer.showModal();
    for (const token of body.querySelectorAll(".t.focus")) token.classList.remove("focus");
    const label = number && [...body.querySelectorAll(".lb")].find((l) => l.textContent.trim() === `claim ${number}`);
    if (label) {
      const token = label.closest(".t");
      token.classList.add("focus");
      token.scrollIntoView({ block: "center" });
    } else {
      viewer.scrollTop = 0;
    }
  }

  function route() {
    const match = /^#a(\d+)(?:-c(\d+))?$/.exec(location.hash);
    if (match) openArticle(Number(match[1]), match[2] ? Number(match[2]) : 0);
    else if (viewer.open) viewer.close();
  }
  document.getElementById("viewer-close").addEventListener("click", () => viewer.close());
  viewer.addEventListener("close", () => {
    if (/^#a\d/.test(location.hash)) location.hash = "";
  });
  window.addEventListener("hashchange", route);

  claimTable.refresh();
  articleTable.refresh();
  route();
  performance.mark("report-ready");
  document.body.dataset.ready = "true";
})();
