/**
 * The report page's inline stylesheet and script. Both are constants, so the page needs no
 * network access (it opens from a CI artifact) and its bytes depend only on the proof result.
 */

/** Inline CSS of the report page. */
export const REPORT_CSS = `
:root{--ok:#1a7f37;--ok-bg:#dafbe1;--bad:#cf222e;--bad-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#fff;--page:#f6f8fa;--hub:#ddf4ff;--hub-line:#0969da}
*{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
header.top{background:#24292f;color:#fff;padding:18px 28px}
header.top h1{margin:0 0 6px;font-size:20px;font-weight:600;display:flex;align-items:center;gap:12px}
.verdict{font-size:13px;font-weight:700;padding:3px 10px;border-radius:12px;letter-spacing:.04em}
.verdict.ok{background:var(--ok);color:#fff}.verdict.broken{background:var(--bad);color:#fff}
.stats{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 4px}
.stat{background:#32383f;border-radius:6px;padding:6px 12px;min-width:86px}
.stat b{display:block;font-size:20px;line-height:1.1}.stat span{font-size:12px;color:#d1d9e0}
.stat.ok b{color:#4ac26b}.stat.broken b{color:#ff8182}.stat.warn b{color:#eac54f}
.meta{font-size:12px;color:#d1d9e0;margin-top:8px;word-break:break-all}
.meta span{margin-right:18px;white-space:nowrap}.meta code{color:#fff}
main{padding:20px 28px;max-width:1500px}
.row{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
.card{flex:0 1 auto;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin-bottom:20px;min-width:0}
.card h2{margin:0 0 10px;font-size:16px}
.card h3{margin:14px 0 6px;font-size:14px}
.muted{color:var(--muted)}.ok-text{color:var(--ok);font-weight:600}
.legend{font-size:12px;color:var(--muted);margin:0 0 8px}
.legend i{display:inline-block;width:22px;height:4px;vertical-align:middle;margin:0 4px 0 10px;border-radius:2px}
.legend i.ok{background:var(--ok)}.legend i.broken{background:var(--bad)}
.topo-wrap{overflow:auto;max-height:760px;border:1px solid var(--line);border-radius:6px;background:#fbfcfd}
svg.topology{display:block;max-width:100%;height:auto;font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
svg .tunnel line{stroke-width:3}
svg .tunnel.ok line{stroke:var(--ok)}
svg .tunnel.broken line{stroke:var(--bad);stroke-dasharray:8 5}
svg .tunnel text{font-size:11px;paint-order:stroke;stroke:#fbfcfd;stroke-width:4px}
svg .tunnel.ok text{fill:var(--ok)}svg .tunnel.broken text{fill:var(--bad);font-weight:700}
svg .node rect{fill:#fff;stroke:#8c959f;stroke-width:1.5}
svg .node.hub rect{fill:var(--hub);stroke:var(--hub-line);stroke-width:2}
svg .node.broken rect{stroke:var(--bad);stroke-width:2.5}
svg .node.group{cursor:pointer}
svg .node .t{font-size:14px;font-weight:700;fill:var(--fg)}
svg .node .l{font-size:12px;fill:var(--muted)}
svg .node .l.alert{fill:var(--bad);font-weight:700}
svg .node:focus rect,svg .node.selected rect{stroke:#0969da;stroke-width:3}
table{border-collapse:collapse}
.matrix-wrap{overflow:auto;max-height:760px}
table.matrix th,table.matrix td{border:1px solid var(--line);padding:4px 6px;text-align:center;font-size:12px}
table.matrix th{background:#f6f8fa;font-weight:600;white-space:nowrap}
table.matrix th[scope=row]{text-align:left}
table.matrix .dev{font-weight:700}
table.matrix .idx{color:var(--muted);font-weight:400}
td.cell{min-width:34px;height:30px;font-weight:700}
td.cell.ok{background:var(--ok-bg);color:var(--ok)}
td.cell.broken{background:var(--bad-bg);color:var(--bad);cursor:pointer}
td.cell.unverified{background:var(--warn-bg);color:var(--warn);cursor:pointer;font-weight:700}
td.cell.self{background:#eaeef2;color:#8c959f}
td.cell[data-pair],td.cell[data-cell]{cursor:pointer}
td.cell:hover{outline:2px solid #0969da;outline-offset:-2px}
td.cell.selected{outline:3px solid #0969da;outline-offset:-3px}
table.broken-list{width:100%}
table.broken-list th,table.broken-list td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;font-size:13px}
table.broken-list tbody tr{cursor:pointer}
table.broken-list tbody tr:hover{background:#f6f8fa}
table.broken-list tr.filtered-out{display:none}
table.findings{width:100%}
table.findings td:nth-child(3){white-space:nowrap}
table.findings th,table.findings td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;font-size:13px}
.sev{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 6px;border-radius:10px}
.error .sev,.sev.error{background:var(--bad-bg);color:var(--bad)}
.warning .sev,.sev.warning{background:var(--warn-bg);color:var(--warn)}
details.pair{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:#fff}
details.pair>summary{padding:7px 10px;cursor:pointer;font-size:13px}
details.pair.selected{box-shadow:0 0 0 3px #0969da55}
details.pair .codes{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;color:var(--bad);font-size:12px}
.badge{display:inline-block;font-size:11px;font-weight:700;padding:1px 7px;border-radius:10px}
.badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.broken{background:var(--bad-bg);color:var(--bad)}.badge.unverified{background:var(--warn-bg);color:var(--warn)}
.pair-body{padding:2px 14px 10px;border-top:1px solid var(--line)}
.pair-body h4{margin:10px 0 4px;font-size:13px}
ul.problems{list-style:none;padding:0;margin:0}
li.problem{padding:6px 0;border-bottom:1px dashed var(--line)}
li.problem:last-child{border-bottom:0}
li.problem .loc{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
li.problem .msg{margin-top:3px}
li.problem .hint{margin-top:3px;color:var(--ok)}
.behind,.origin{font-size:12px;color:var(--muted)}
ol.path{margin:4px 0;padding-left:22px}
li.hop{margin:6px 0}li.hop.broken>.hop-head b{color:var(--bad)}li.replies{list-style:none;margin:10px 0 2px -22px;font-style:italic}
.action{color:var(--muted)}
table.steps td{padding:2px 8px 2px 0;font-size:12.5px;vertical-align:top}
table.steps tr.bad td{color:var(--bad)}table.steps td.mark{color:var(--ok)}table.steps tr.bad td.mark{color:var(--bad)}
table.steps td.kind{color:var(--muted);white-space:nowrap}table.steps td.loc{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px;white-space:nowrap}
.note{color:var(--muted)}
details.group{margin:4px 0}details.group>summary{cursor:pointer}
details.group.selected>summary{font-weight:700;color:#0969da}
table.members td,table.members th{padding:2px 10px 2px 0;font-size:12.5px;text-align:left}
#topology{flex:1 1 560px}
#coverage{flex:0 0 auto;max-width:100%}
footer{color:var(--muted);font-size:12px;padding:0 28px 24px}
`;

/**
 * Inline script: clicking a matrix cell or list row opens that pair's detail section, clicking a
 * group cell filters the broken-pair list, clicking a group node opens its member list.
 */
export const REPORT_JS = `
(function(){
  var selected=[];
  function select(els){selected.forEach(function(e){e.classList.remove('selected');});selected=els.filter(Boolean);selected.forEach(function(e){e.classList.add('selected');});}
  function openPair(id,from){var d=document.getElementById(id);if(!d)return;d.open=true;select([d,from]);d.scrollIntoView({block:'nearest'});}
  function filterCell(cell,from){
    var rows=document.querySelectorAll('table.broken-list tbody tr');
    for(var i=0;i<rows.length;i++){rows[i].classList.toggle('filtered-out',cell!==null&&rows[i].getAttribute('data-in-cell')!==cell);}
    var note=document.getElementById('filter-note');
    if(note){note.hidden=cell===null;note.querySelector('span').textContent=from?from.getAttribute('title'):'';}
    select([from]);
    var list=document.getElementById('broken');if(list)list.scrollIntoView({block:'nearest'});
  }
  function openGroup(node){var id=node.id.replace(/^node-/,'group-');var d=document.getElementById(id);if(!d)return;d.open=true;select([d,node]);d.scrollIntoView({block:'nearest'});}
  document.addEventListener('click',function(ev){
    var t=ev.target;if(!(t instanceof Element))return;
    var p=t.closest('[data-pair]');if(p){openPair(p.getAttribute('data-pair'),p);return;}
    var c=t.closest('[data-cell]');if(c){filterCell(c.getAttribute('data-cell'),c);return;}
    var g=t.closest('.node.group');if(g){openGroup(g);return;}
    if(t.closest('#clear-filter')){filterCell(null,null);}
  });
  document.addEventListener('keydown',function(ev){
    if(ev.key!=='Enter')return;var t=ev.target;if(!(t instanceof Element))return;
    if(t.matches('[data-pair]'))openPair(t.getAttribute('data-pair'),t);
    else if(t.matches('[data-cell]'))filterCell(t.getAttribute('data-cell'),t);
    else if(t.matches('.node.group'))openGroup(t);
  });
})();
`;
