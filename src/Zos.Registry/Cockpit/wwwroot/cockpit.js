// Zos Cockpit: reads /api/v1/cockpit/* (one request per panel) and redraws every few seconds; no build step.
"use strict";
const GiB = 1024 ** 3;
const REFRESH_MS = 2000;
const view = document.getElementById("view");
let timer = null;

const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
const gb = b => (b / GiB).toFixed(0) + " GiB";
// Drops the line breaks and indentation between tags of a template: each would be a text node, thousands on a big farm.
const tight = html => html.replace(/>\n\s*</g, "><");
const short = id => id.length > 12 ? id.slice(0, 6) + "…" + id.slice(-4) : id;

async function api(path) {
  // A request index.html started before this script loaded is used once; refreshes ask again.
  const early = window.zosEarly?.get(path);
  window.zosEarly?.delete(path);
  const r = await (early ?? fetch("/api/v1/" + path, { cache: "no-store" }));
  if (!r.ok) throw new Error(`${r.status} ${(await r.json().catch(() => ({}))).detail ?? r.statusText}`);
  return r.json();
}

// A bar drawn by CSS (one linear gradient): hundreds of rows × three gauges stay cheap to lay out and paint, unlike
// inline SVGs or rings (a conic gradient under a radial one cost more to paint in software raster).
function gauge(label, used, total, title) {
  const pct = Math.min(100, Math.max(0, Math.round(100 * used / total)));
  // One element a gauge (the bar is its background, label and figure its text): a 500-node page is thousands of
  // elements lighter than with four a gauge.
  // The fill is set by the stylesheet from data-p (one rule per percent): the Content-Security-Policy allows no
  // inline style attributes.
  return `<div class="gauge" data-gauge="${label}" data-p="${pct}" title="${esc(title)}">${label} ${pct}%</div>`;
}

const utc = t => new Date(t).toISOString().replace("T", " ").slice(0, 19);

// What the node measured, never an estimate: u is a farm line's usage summary (measuredAt, loadOneMinute,
// memoryUsedBytes/TotalBytes, diskUsedBytes/TotalBytes); cores its CPU threads. A part the node did not measure has no
// gauge; a node that measures nothing has none, and says so. The measurement's time is shown beside the gauges.
// The gauges without a wrapper: a farm row's cell is their flex box itself (one element fewer a row).
function gaugeBars(u, cores) {
  if (!u) return `<span class="muted" data-kind="unmeasured">not measured</span>`;
  const at = utc(u.measuredAt);
  let s = "";
  if (u.loadOneMinute != null && cores > 0)
    s += gauge("CPU", u.loadOneMinute, cores, `load ${u.loadOneMinute.toFixed(2)} over 1 min on ${cores} CPU threads, measured ${at} UTC`);
  if (u.memoryTotalBytes > 0)
    s += gauge("RAM", u.memoryUsedBytes, u.memoryTotalBytes, `${gib(u.memoryUsedBytes)} used of ${gib(u.memoryTotalBytes)}, measured ${at} UTC`);
  if (u.diskTotalBytes > 0)
    s += gauge("Disk", u.diskUsedBytes, u.diskTotalBytes, `${gib(u.diskUsedBytes)} used of ${gib(u.diskTotalBytes)} on its mounted disks, measured ${at} UTC`);
  return s + `<span class="muted measured" data-kind="measured-at">${esc(at.slice(11))}</span>`;
}

const gib = b => (b / GiB).toFixed(1) + " GiB";

// A node record's measurement (NodeView.health.usage) summed as a farm line carries it.
function usageSummary(usage) {
  if (!usage) return null;
  const disks = (usage.disks ?? []).filter(Boolean);
  return {
    measuredAt: usage.measuredAt, loadOneMinute: usage.load?.oneMinute, memoryUsedBytes: usage.memory?.usedBytes, memoryTotalBytes: usage.memory?.totalBytes,
    diskUsedBytes: disks.length ? disks.reduce((a, d) => a + d.usedBytes, 0) : null, diskTotalBytes: disks.length ? disks.reduce((a, d) => a + d.totalBytes, 0) : null,
  };
}

// The node page's measurement: its gauges, load, memory and each disk with its figures, and when the node measured them.
function usagePanel(n) {
  const u = n.health?.usage;
  if (!u) return `<p class="muted" data-kind="unmeasured">This node reports no measurement of its use (memory, load, disks): nothing to show.</p>`;
  const l = u.load, m = u.memory, disks = (u.disks ?? []).filter(Boolean);
  return `<div class="gauges">${gaugeBars(usageSummary(u), n.capacity?.cpuCores)}</div><h3>Measured use <span class="muted" data-kind="measured-at">at ${esc(utc(u.measuredAt))} UTC (the node's clock)</span></h3>
    <p data-kind="usage-figures">${l ? `Load ${esc(l.oneMinute.toFixed(2))} / ${esc(l.fiveMinutes.toFixed(2))} / ${esc(l.fifteenMinutes.toFixed(2))} (1, 5, 15 min)` : "Load not measured"} ·
    ${m ? `memory ${gib(m.usedBytes)} used, ${gib(m.availableBytes)} available of ${gib(m.totalBytes)}` : "memory not measured"}</p>
    ${disks.length ? `<table id="disks"><tr><th>Disk</th><th>Mounted on</th><th>Used</th><th>Available</th><th>Size</th></tr>
    ${disks.map(d => `<tr data-disk="${esc(d.name)}"><td><code>${esc(d.name)}</code></td><td><code>${esc(d.mountPoint)}</code></td><td>${gib(d.usedBytes)}</td><td>${gib(d.availableBytes)}</td><td>${gib(d.totalBytes)}</td></tr>`).join("")}</table>`
    : `<p class="muted">No disk space measured.</p>`}`;
}

async function capacityPage(seq) {
  const o = await api("cockpit/capacity");
  if (seq !== renderSeq) return;
  view.innerHTML = `<div class="panel"><h2>Capacity</h2><table id="farms"><tr><th>Farm</th><th>Nodes up</th><th>CPU</th><th>Memory</th><th>SSD</th><th>HDD</th><th>Public IPs free</th></tr>
    ${o.farms.map(f => `<tr data-farm="${esc(f.id)}"><td><a href="#/farm/${esc(f.id)}">${esc(f.name)}</a> <span class="muted">#${esc(f.id)}</span></td>
      <td>${esc(f.nodesUp)}/${esc(f.nodesTotal)}</td><td>${esc(f.cpuCores)}</td><td>${gb(f.memoryBytes)}</td><td>${gb(f.ssdBytes)}</td><td>${gb(f.hddBytes)}</td>
      <td>${esc(f.publicIpsFree)}/${esc(f.publicIpsTotal)}</td></tr>`).join("")}</table>
    <p class="muted">${o.orphanNodes} orphan node(s) (booted without a farm id)</p></div>`;
}

function publicIps(n) {
  const pc = n.publicConfig;
  return pc ? [pc.ipv4?.address, pc.ipv6?.address].filter(Boolean) : [];
}

// The farm network from registered data: router, management network, public network, each node with its NICs.
// Nodes sit in rows of ten; rows after the first hang from branches of the two networks (a trunk on the left).
const PICTURE_PER_ROW = 10, PICTURE_ROW_H = 130;
const pictureWidth = count => Math.max(640, 150 * Math.min(count, PICTURE_PER_ROW) + 80);
const pictureHeight = count => 200 + Math.max(1, Math.ceil(count / PICTURE_PER_ROW)) * PICTURE_ROW_H;

function farmPicture(o) {
  const nodes = o.nodes, perRow = PICTURE_PER_ROW, rowCount = Math.max(1, Math.ceil(nodes.length / perRow));
  const w = pictureWidth(nodes.length), h = pictureHeight(nodes.length), mgmtY = 120, pubY = 190, rowH = PICTURE_ROW_H;
  const nodeY = k => 240 + k * rowH;
  const anyPublic = nodes.some(n => n.publicConfig) || o.farm.publicIps.length > 0;
  // Below a big farm's table the picture starts off-screen: content-visibility lets the browser skip its layout and
  // paint until it is scrolled to (the intrinsic size keeps the page's height right meanwhile).
  // Its intrinsic size is set from data-w/data-h once inserted (sizePictures): no inline style under the CSP.
  let s = `<div class="picture" data-w="${w}" data-h="${h}">
    <svg id="farm-picture" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">
    <rect data-kind="router" x="${w / 2 - 50}" y="10" width="100" height="34" rx="6" fill="#1d2330"/><text x="${w / 2}" y="32" fill="#fff" text-anchor="middle">router</text>
    <line x1="${w / 2}" y1="44" x2="${w / 2}" y2="${mgmtY}" stroke="#555"/>
    <line data-kind="management-network" x1="20" y1="${mgmtY}" x2="${w - 20}" y2="${mgmtY}" stroke="#3f6fd8" stroke-width="4"/><text x="24" y="${mgmtY - 6}">management network</text>`;
  if (anyPublic) {
    s += `<line x1="${w / 2 + 30}" y1="44" x2="${w / 2 + 30}" y2="${pubY}" stroke="#555"/>
      <line data-kind="public-network" x1="20" y1="${pubY}" x2="${w - 20}" y2="${pubY}" stroke="#e08a00" stroke-width="4"/>
      <text x="24" y="${pubY - 6}">public network ${esc(o.farm.publicIps.map(p => p.ip).join(", "))}</text>`;
  }
  const mgmtAt = k => k === 0 ? mgmtY : nodeY(k) - 26, pubAt = k => k === 0 ? pubY : nodeY(k) - 14;
  if (rowCount > 1) {
    s += `<line x1="20" y1="${mgmtY}" x2="20" y2="${mgmtAt(rowCount - 1)}" stroke="#3f6fd8" stroke-width="2"/>`;
    if (anyPublic) s += `<line x1="30" y1="${pubY}" x2="30" y2="${pubAt(rowCount - 1)}" stroke="#e08a00" stroke-width="2"/>`;
    for (let k = 1; k < rowCount; k++) {
      s += `<line x1="20" y1="${mgmtAt(k)}" x2="${w - 20}" y2="${mgmtAt(k)}" stroke="#3f6fd8" stroke-width="2"/>`;
      if (anyPublic) s += `<line x1="30" y1="${pubAt(k)}" x2="${w - 20}" y2="${pubAt(k)}" stroke="#e08a00" stroke-width="2"/>`;
    }
  }
  nodes.forEach((n, i) => {
    const k = Math.floor(i / perRow), x = 50 + (i % perRow) * 150, y = nodeY(k), color = n.status === "up" ? "#2e7d32" : "#c62828";
    try {
      s += pictureNode(n, k, x, y, color, mgmtAt, pubAt);
    } catch (e) {
      // A node whose stored data cannot be drawn is a box saying so; the rest of the picture stands.
      s += `<g data-kind="node" data-node="${esc(n?.id)}" data-broken="true"><rect x="${x}" y="${y}" width="120" height="70" rx="6" fill="#fff" stroke="#c62828" stroke-width="2"/>
        <text x="${x + 6}" y="${y + 14}">${esc(short(String(n?.id ?? "?")))}</text><text x="${x + 6}" y="${y + 30}" data-kind="node-error">cannot draw: ${esc(e.message)}</text></g>`;
    }
  });
  return tight(s + "</svg></div>");
}

// One node of the farm picture: its box, NIC line and public addresses, hung from the networks of picture row k.
function pictureNode(n, k, x, y, color, mgmtAt, pubAt) {
  const mgmt = n.interfaces.find(f => f.name === n.managementNic) ?? n.interfaces[0];
  // The node reports br-pub's uplink; before its first report, guess from its NIC count.
  const dual = n.public ? n.public.uplinkKind === "nic" : n.publicConfig && n.interfaces.length > 1;
  let s = `<g data-kind="node" data-node="${esc(n.id)}">
    <line x1="${x + 40}" y1="${mgmtAt(k)}" x2="${x + 40}" y2="${y}" stroke="#3f6fd8"/>`;
  if (n.publicConfig) s += `<line x1="${x + 80}" y1="${pubAt(k)}" x2="${x + 80}" y2="${y}" stroke="#e08a00"/>`;
  return s + `<rect x="${x}" y="${y}" width="120" height="70" rx="6" fill="#fff" stroke="${color}" stroke-width="2"/>
    <text x="${x + 6}" y="${y + 14}">${esc(short(n.id))}</text>
    <text x="${x + 6}" y="${y + 30}" data-kind="nic">${esc(mgmt?.name ?? "?")} ${esc(mgmt?.addresses?.[0] ?? "")}</text>
    ${publicIps(n).map((a, j) => `<text x="${x + 6}" y="${y + 46 + 14 * j}" data-kind="public-ip">${dual ? esc(n.public?.uplinkNic ?? "nic2") : "br-pub"} ${esc(a)}</text>`).join("")}
    </g>`;
}

// Sizes set through the CSSOM (allowed by the CSP, unlike style attributes) from the data-w/data-h of new elements.
function sizePictures(root) {
  for (const el of root.querySelectorAll(".picture[data-w]")) el.style.containIntrinsicSize = `auto ${el.dataset.w}px ${el.dataset.h}px`;
  for (const el of root.querySelectorAll(".placeholder[data-w]")) { el.style.width = el.dataset.w + "px"; el.style.height = el.dataset.h + "px"; }
}

// br-pub's uplink as the node reported it (kind, NIC, why), and a public config it refused (field and value).
function uplinkText(n) {
  const p = n.public;
  if (!p) return `${n.interfaces.length > 1 ? "dual" : "single"} NIC`;
  const kind = p.uplinkKind === "nic" ? `dual NIC (br-pub on ${esc(p.uplinkNic ?? "?")})` : "single NIC";
  return `<span data-kind="uplink" title="${esc(p.uplinkReason)}">${kind}</span>${p.error ? `<br><span class="chip down" data-kind="public-error">${esc(p.error)}</span>` : ""}`;
}

// A node without a ZOS-STATE disk keeps its key in memory: after a reboot it registers under a new id.
function volatileChip(n) {
  return n.identityVolatile ? ` <span class="chip volatile" data-kind="identity-volatile" title="No ZOS-STATE disk: this node keeps its state in memory, so its identity (node id) changes at every boot and the old id stays behind as a down node.">volatile identity</span>` : "";
}

// Whether the node's public endpoint answered, as checked (a network peer's WireGuard handshake with it, dated by the
// peer), never inferred from its config: a public config nobody checked yet is "not checked"; no public config is hidden.
function reachText(n) {
  const r = n.reach;
  if (r) {
    const what = `a WireGuard handshake of node ${r.peer} with this node's public endpoint in network ${r.netId}, at ${utc(r.at)} UTC (the peer's clock)`;
    return `<span data-kind="reach" title="${esc(what)}">answered ${esc(utc(r.at))}<br><span class="muted">peer ${esc(short(String(r.peer)))}</span></span>`;
  }
  return n.publicConfig ? `<span class="muted" data-kind="unchecked">not checked</span>` : "hidden";
}

// n: a farm page line (FarmNodeLine: capacity totals and internet reachability flattened into it). A node whose stored
// data breaks its row (a list that is null, a value of the wrong type) gets a row saying so: the other rows stand.
function farmRow(n) {
  try {
    return farmRowOf(n);
  } catch (e) {
    return tight(`<tr role="row" data-node="${esc(n?.id)}" data-broken="true"><td role="cell">${esc(short(String(n?.id ?? "?")))}</td>
      <td role="cell" class="row-error"><span class="chip down" data-kind="row-error">cannot show this node: ${esc(e.message)}</span></td></tr>`);
  }
}

function farmRowOf(n) {
  const nics = n.interfaces.map(i => `${esc(i.name)} <code>${esc(i.mac)}</code> ${esc(i.addresses.join(", "))}`).join("<br>");
  const pc = n.publicConfig ? `${esc(publicIps(n).join(" "))}${n.publicConfig.domain ? " " + esc(n.publicConfig.domain) : ""}` : "<span class='muted'>none</span>";
  return tight(`<tr role="row" data-node="${esc(n.id)}"><td role="cell"><a href="#/node/${esc(n.id)}">${esc(short(n.id))}</a></td>
    <td role="cell"><span class="chip ${n.status}" data-status="${n.status}">${n.status}</span>${volatileChip(n)}</td>
    <td role="cell">${new Date(n.lastSeen).toISOString().replace("T", " ").slice(0, 19)}</td><td role="cell">${n.uptimePercent.toFixed(1)}%</td>
    <td role="cell" class="gauges">${gaugeBars(n.usage, n.cpuCores)}</td><td role="cell">${nics}</td><td role="cell">${pc}</td><td role="cell">${uplinkText(n)}</td>
    <td role="cell">IPv4 ${n.ipv4Internet ? "✓" : "✗"} IPv6 ${n.ipv6Internet ? "✓" : "✗"}</td><td role="cell">${reachText(n)}</td></tr>`);
}

// MACs the farm's boot server saw booting that are not registered nodes yet: the last boot step and its time, the MAC
// linking to its boot timeline.
function bootingPanel(events, farmId) {
  const rows = events.filter(b => !b.registered).map(b => `<tr data-booting="${esc(b.mac)}"><td><a href="#/boot/${esc(farmId)}/${esc(b.mac)}"><code>${esc(b.mac)}</code></a></td>
    <td><span class="chip booting" data-status="booting">booting</span></td><td>${new Date(b.lastTime).toISOString().replace("T", " ").slice(0, 19)}</td>
    <td>${esc(b.lastStep)} <span class="muted">${esc(b.detail)}</span></td></tr>`).join("");
  return rows ? `<div class="panel"><h3>Booting</h3><table id="booting"><tr><th>MAC</th><th>Status</th><th>Last step (UTC)</th><th>Step</th></tr>${rows}</table></div>` : "";
}

// Nodes that asked to join this farm without the farmer's consent (MAC not listed, no enrollment token): not part of
// the farm. The Cockpit signs nothing, so it shows them read-only and says how the farmer decides with the CLI.
function pendingPanel(o) {
  const list = o.pending ?? [];
  if (list.length === 0) return "";
  const rows = list.map(p => tight(`<tr data-pending="${esc(p.id)}"><td><a href="#/node/${esc(p.id)}">${esc(short(p.id))}</a></td>
    <td><span class="chip ${p.state === "refused" ? "down" : "booting"}" data-state="${esc(p.state)}">${esc(p.state)}</span></td>
    <td>${new Date(p.since).toISOString().replace("T", " ").slice(0, 19)}</td><td>${new Date(p.lastSeen).toISOString().replace("T", " ").slice(0, 19)}</td>
    <td>${(p.interfaces ?? []).map(i => `${esc(i?.name)} <code>${esc(i?.mac)}</code>`).join("<br>")}</td></tr>`)).join("");
  return `<div class="panel"><h3>Pending</h3><p class="muted">Not part of the farm until you approve them: <code>zos farm node approve ${o.farm.id} NODE-ID</code>
    (or <code>refuse</code>, or <code>remove</code>). Nodes whose MAC is on the farm's list, or that boot with a farm token
    (<code>zos farm token create ${o.farm.id}</code>), join without waiting.</p>
    <table id="pending"><tr><th>Node</th><th>State</th><th>Since (UTC)</th><th>Last seen (UTC)</th><th>NICs (MACs)</th></tr>${rows}</table></div>`;
}

function showPending(shown, o) {
  const html = pendingPanel(o), box = document.getElementById("pending-box");
  if (!box || shown.pending === html) return;
  box.innerHTML = html;
  shown.pending = html;
}

// What the farm page shows now, so a refresh replaces only the rows (and picture) whose HTML changed.
let farmShown = null;

// The farm picture is drawn once its box comes within a screen of the view (a 500-node farm's is below 500 rows, 30,000
// pixels down): until someone scrolls there, neither the first render nor a refresh builds or writes its thousands of
// SVG elements; a placeholder of its size keeps the page's height.
let pictureWatch = null;

function drawPicture() {
  const shown = farmShown;
  if (!shown?.pictureNear) return;
  const html = farmPicture(shown.data);
  if (shown.picture === html) return;
  const box = document.getElementById("farm-picture-box");
  box.innerHTML = html;
  sizePictures(box);
  shown.picture = html;
}

function watchPicture(shown) {
  pictureWatch?.disconnect();
  pictureWatch = new IntersectionObserver(entries => {
    if (!entries.some(e => e.isIntersecting)) return;
    pictureWatch.disconnect();
    shown.pictureNear = true;
    if (farmShown === shown) drawPicture();
  }, { rootMargin: "100% 0px" });
  pictureWatch.observe(document.getElementById("farm-picture-box"));
}

// The booting panel (MACs the boot server saw that are not nodes yet): asked for once `after` settles, replaced only
// when its HTML changed, and dropped if the page moved on meanwhile.
function loadBooting(id, shown, after) {
  after.then(() => api(`farms/${id}/boot-events`)).catch(() => []).then(events => {
    const html = bootingPanel(events, id), box = document.getElementById("booting-box");
    if (farmShown !== shown || !box || shown.booting === html) return;
    box.innerHTML = html;
    shown.booting = html;
  });
}

async function farmPage(id, seq) {
  // The node list first: the boot events are asked for once it is painted, so their request neither competes with the
  // farm snapshot and the first paint for the CPU nor holds the first render back (they fill a panel of their own).
  const o = await api("cockpit/farms/" + id);
  if (seq !== renderSeq) return;
  // Marks for the 500-node measurement (CockpitBrowserTests): where the first render's time goes.
  performance.mark("zos-farm-data");
  const up = o.nodes.filter(n => n.status === "up").length;
  const title = `Farm ${esc(o.farm.name)} <span class="muted">#${o.farm.id}, ${up}/${o.nodes.length} up, runmode ${esc(o.farm.boot.runmode)}</span>`;
  const rows = o.nodes.map(n => [n.id, farmRow(n)]);
  const order = o.nodes.map(n => n.id).join(",");
  performance.mark("zos-farm-html");
  const table = document.getElementById("nodes");
  if (farmShown && farmShown.id === id && farmShown.order === order && table && view.contains(table)) {
    document.getElementById("farm-title").innerHTML = title;
    for (const [nodeId, html] of rows) {
      if (farmShown.rows.get(nodeId) === html) continue;
      table.querySelector(`tr[data-node="${CSS.escape(nodeId)}"]`).outerHTML = html;
      farmShown.rows.set(nodeId, html);
    }
    farmShown.data = o;
    showPending(farmShown, o);
    drawPicture();
    loadBooting(id, farmShown, Promise.resolve());
    return;
  }
  view.innerHTML = `<div class="panel"><h2 id="farm-title">${title}</h2>
    <table id="nodes" role="table" aria-label="Nodes"><tr role="row"><th role="columnheader">Node</th><th role="columnheader">Status</th><th role="columnheader">Last seen (UTC)</th><th role="columnheader">Uptime</th><th role="columnheader">Used / total</th><th role="columnheader">Interfaces</th><th role="columnheader">Public config</th><th role="columnheader">NICs</th><th role="columnheader">Internet</th><th role="columnheader">Reached (UTC)</th></tr>
    ${rows.map(r => r[1]).join("")}</table></div>
    <div id="pending-box"></div>
    <div id="booting-box"></div>
    <div class="panel"><h3>Farm network</h3><div id="farm-picture-box"><div class="placeholder" data-w="${pictureWidth(o.nodes.length)}" data-h="${pictureHeight(o.nodes.length)}"></div></div></div>`;
  sizePictures(view);
  performance.mark("zos-farm-dom");
  // Layout now rather than at the next frame (no extra work: nothing changes before it), so the measurement sees it.
  document.body.getBoundingClientRect();
  performance.mark("zos-farm-layout");
  // The next frame's paint is done when a task queued from its animation frame callback runs.
  const painted = new Promise(done => requestAnimationFrame(() => setTimeout(() => done(performance.mark("zos-farm-painted")))));
  farmShown = { id, order, rows: new Map(rows), booting: "", data: o, picture: null, pictureNear: false };
  showPending(farmShown, o);
  watchPicture(farmShown);
  loadBooting(id, farmShown, painted);
}

// A MAC's last boots as the registry stored them (h: BootHistory), newest first: per boot a strip with a mark per step
// at its time (SVG attributes, not style: the CSP allows no inline style) and the steps with their times since the
// boot's first step.
function bootTimeline(h) {
  if (!h.boots.length) return `<p class="muted" data-kind="no-boots">No network boot of <code>${esc(h.mac)}</code> recorded by the farm's boot server.</p>`;
  return [...h.boots].reverse().map((b, k) => {
    const t0 = Date.parse(b.started), steps = b.steps, span = Math.max(1, Date.parse(steps[steps.length - 1].time) - t0);
    const since = t => ((Date.parse(t) - t0) / 1000).toFixed(1);
    const done = steps.some(x => x.step === "registered");
    const marks = steps.map(x => {
      const cx = 10 + Math.round(580 * (Date.parse(x.time) - t0) / span);
      return `<circle cx="${cx}" cy="12" r="5" fill="${x.step.endsWith("Refused") ? "#c62828" : x.step === "registered" ? "#2e7d32" : "#3f6fd8"}"><title>${esc(x.step)} +${since(x.time)} s</title></circle>`;
    }).join("");
    return tight(`<div class="boot" data-boot="${k}"><p><b>Boot at ${esc(utc(b.started))} UTC</b> <span class="muted">${steps.length} steps,
      ${done ? `registered after ${since(steps.find(x => x.step === "registered").time)} s` : "not registered"}</span></p>
      <svg class="boot-strip" width="600" height="24" xmlns="http://www.w3.org/2000/svg"><line x1="10" y1="12" x2="590" y2="12" stroke="#c5cbd6" stroke-width="2"/>${marks}</svg>
      <table class="boot-steps"><tr><th>Step</th><th>Time (UTC)</th><th>Since boot</th><th>Client</th><th>Detail</th></tr>
      ${steps.map(x => `<tr data-step="${esc(x.step)}"><td>${esc(x.step)}</td><td>${esc(utc(x.time))}</td><td>+${since(x.time)} s</td><td>${esc(x.client ?? "")}</td><td>${esc(x.detail)}</td></tr>`).join("")}</table></div>`);
  }).join("");
}

// The boot timelines of a node's MACs (those its farm's boot server saw), as one panel.
async function bootPanel(n) {
  if (!n.farmId) return "";
  const macs = [...new Set((n.interfaces ?? []).map(i => String(i?.mac ?? "").toLowerCase()).filter(Boolean))];
  const histories = await Promise.all(macs.map(m => api(`farms/${n.farmId}/boot-events/${encodeURIComponent(m)}`).catch(() => null)));
  const seen = histories.filter(h => h?.boots?.length);
  return `<div class="panel" id="boot-timeline"><h3>Boot timeline <span class="muted">last ${esc(histories.find(Boolean)?.keptBoots ?? "")} boots per MAC, kept by the registry</span></h3>
    ${seen.length ? seen.map(h => `<div data-mac="${esc(h.mac)}"><h4><code>${esc(h.mac)}</code></h4>${bootTimeline(h)}</div>`).join("")
      : `<p class="muted" data-kind="no-boots">No network boot of its MACs recorded by the farm's boot server (booted from USB, or before the registry kept boots).</p>`}</div>`;
}

async function macPage(farmId, mac, seq) {
  const h = await api(`farms/${encodeURIComponent(farmId)}/boot-events/${encodeURIComponent(mac)}`);
  if (seq !== renderSeq) return;
  view.innerHTML = `<div class="panel" id="boot-timeline"><h2>MAC <code>${esc(h.mac)}</code> ${h.registered ? `<span class="chip up" data-status="registered">registered</span>` : `<span class="chip booting" data-status="booting">not registered</span>`}</h2>
    <p>Farm <a href="#/farm/${esc(farmId)}">#${esc(farmId)}</a> · the last ${esc(h.keptBoots)} boots the farm's boot server saw, newest first</p>${bootTimeline(h)}</div>`;
}

async function nodePage(id, seq) {
  const n = await api("nodes/" + id);
  const boots = await bootPanel(n);
  if (seq !== renderSeq) return;
  view.innerHTML = `<div class="panel"><h2>Node <code>${esc(n.id)}</code> <span class="chip ${n.status}" data-status="${n.status}">${n.status}</span>${volatileChip(n)}</h2>
    <p>Farm ${n.farmId ? `<a href="#/farm/${n.farmId}">#${n.farmId}</a>` : "none (orphan)"} · first seen ${esc(n.firstSeen)} · last seen ${esc(n.lastSeen)} · uptime ${n.uptimePercent}%</p>
    ${usagePanel(n)}<h3>NICs</h3><table><tr><th>NIC</th><th>MAC</th><th>Addresses</th><th>Carrier</th><th>Problem</th></tr>
    ${(n.interfaces ?? []).map(i => nicRow(n, i)).join("")}</table></div>${boots}`;
}

// One NIC of the node page; a NIC whose stored data cannot be shown is a row saying so.
function nicRow(n, i) {
  try {
    const h = n.health?.nics?.find(x => x?.name === i.name);
    return `<tr><td>${esc(i.name)}</td><td><code>${esc(i.mac)}</code></td><td>${esc(i.addresses.join(", "))}</td><td>${h ? (h.carrier ? "yes" : "no") : "?"}</td><td>${esc(h?.problem ?? "")}</td></tr>`;
  } catch (e) {
    return `<tr data-broken="true"><td>${esc(i?.name ?? "?")}</td><td colspan="4"><span class="chip down" data-kind="row-error">cannot show this NIC: ${esc(e.message)}</span></td></tr>`;
  }
}

// The mesh: members on a circle, one line per peer entry (dashed when it waits to be dialed), access node ringed.
function meshPicture(o) {
  const m = o.network.members, n = Math.max(1, m.length), cx = 260, cy = 210, r = 160;
  const pos = Object.fromEntries(m.map((x, i) => [x.id, [cx + r * Math.cos(2 * Math.PI * i / n - Math.PI / 2), cy + r * Math.sin(2 * Math.PI * i / n - Math.PI / 2)]]));
  let s = `<svg id="mesh-picture" width="520" height="430" xmlns="http://www.w3.org/2000/svg">`;
  for (const l of o.links) {
    const a = pos[l.from], b = pos[l.to];
    if (a && b) s += `<line data-kind="link" data-from="${esc(l.from)}" data-to="${esc(l.to)}" x1="${a[0]}" y1="${a[1]}" x2="${b[0]}" y2="${b[1]}" stroke="#3f6fd8" ${l.endpoint ? "" : 'stroke-dasharray="4 3"'}/>`;
  }
  for (const x of m) {
    const [px, py] = pos[x.id], hidden = o.hiddenMembers.includes(x.id), access = o.accessNodeId === x.id;
    s += `<g data-kind="member" data-member="${esc(x.id)}" data-hidden="${hidden}" data-access="${access}">
      ${access ? `<circle cx="${px}" cy="${py}" r="24" fill="none" stroke="#e08a00" stroke-width="3"/>` : ""}
      <circle cx="${px}" cy="${py}" r="18" fill="${hidden ? "#8a93a3" : x.kind === "user" ? "#6a1b9a" : "#2e7d32"}"/>
      <text x="${px}" y="${py + 34}" text-anchor="middle">${esc(short(x.id))} ${esc(x.subnet)}</text></g>`;
  }
  return s + "</svg>";
}

async function networkPage(id, seq) {
  const o = await api("cockpit/networks/" + id);
  if (seq !== renderSeq) return;
  view.innerHTML = `<div class="panel"><h2>Network ${esc(o.network.name)} <span class="muted">${esc(o.network.netId)} · ${esc(o.network.range)} · v${o.network.version}</span></h2>
    <p>Access node: ${o.accessNodeId ? esc(short(o.accessNodeId)) : "none"}${o.meshError ? ` · <b>mesh: ${esc(o.meshError)}</b>` : ""}</p>
    ${meshPicture(o)}</div>`;
}

// Renders started: a page writes the view only if no later render began while it waited for the registry (a farm
// page's refresh still loading must not paint over the node page someone just opened).
let renderSeq = 0;

async function render() {
  const seq = ++renderSeq;
  const [, page, id, sub] = (location.hash || "#/").split("/");
  if (page !== "farm") pictureWatch?.disconnect();
  try {
    if (page === "farm") await farmPage(id, seq);
    else if (page === "node") await nodePage(id, seq);
    else if (page === "network") await networkPage(id, seq);
    else if (page === "boot") await macPage(id, decodeURIComponent(sub ?? ""), seq);
    else await capacityPage(seq);
    if (seq !== renderSeq) return;
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    if (seq !== renderSeq) return;
    view.innerHTML = `<div class="panel">Cannot read the registry: ${esc(e.message)}</div>`;
  }
  clearTimeout(timer);
  timer = setTimeout(render, REFRESH_MS);
}

window.addEventListener("hashchange", render);
render();
