import type { WidgetOptions } from './host';
import { textOn, type Rgb } from './contrast';

// Palettes chosen for WCAG AA: body and muted text ≥ 4.5:1 on the panel and on the operator bubble.
const LIGHT = '--bg:#fff;--fg:#1f2328;--mu:#59636e;--bd:#d1d9e0;--b2:#eef1f4;--er:#b42318';
const DARK = '--bg:#1b1f24;--fg:#e6edf3;--mu:#9ba7b4;--bd:#3d444d;--b2:#2b3139;--er:#ff9b8f';
/** Below this width the panel is full screen. */
export const PHONE = '(max-width:639.98px)';

const BASE = `:host{all:initial!important}
.k{font:14px/1.45 var(--font);color:var(--fg);}
.k *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
.p{position:fixed;z-index:var(--z);display:flex;flex-direction:column;width:370px;height:min(620px,calc(100vh - var(--y) - 96px));bottom:calc(var(--y) + 68px);background:var(--bg);border:1px solid var(--bd);border-radius:14px;box-shadow:0 12px 40px #0003;overflow:hidden;animation:in .18s ease-out}
.p:focus{outline:none}
@keyframes in{from{opacity:0;transform:translateY(12px)}}
.h{display:flex;align-items:center;gap:6px;padding:10px 8px 10px 16px;padding-inline:16px 8px;background:var(--pr);color:var(--on)}
.h h2{flex:1;font-weight:600;font-size:16px}
.h button{background:none;border:0;color:var(--on);border-radius:8px;padding:6px 8px;cursor:pointer;font-size:13px}
.h .x{font-size:20px;line-height:1;width:34px;height:34px}
:focus-visible{outline:2px solid var(--fg);outline-offset:2px}
.h :focus-visible{outline-color:var(--on)}
.n{padding:8px 16px;border-bottom:1px solid var(--bd);color:var(--mu);font-size:13px;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:center}
.n p{flex:1 1 180px}
.n .c{padding:0;border:0;flex:1 1 100%}
.l{flex:1;overflow-y:auto;overscroll-behavior:contain;padding:12px 16px;display:flex;flex-direction:column;gap:8px}
.m{max-width:82%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;align-self:flex-start;background:var(--b2)}
.m.v{align-self:flex-end;background:var(--pr);color:var(--on);border-end-end-radius:4px}
.m.o{border-end-start-radius:4px}
.m a{text-decoration:underline}
.m small{display:block;font-size:11px;opacity:.85;margin-top:2px}
.m.v small{text-align:end}
.m.f{background:none;border:1px dashed var(--er);color:var(--fg)}
.m.f small{color:var(--er);opacity:1}
.t,.e0{color:var(--mu);font-size:13px}
.e0{margin:auto;text-align:center;max-width:240px}
.er{padding:8px 16px;color:var(--er);font-size:13px}
form{display:flex;flex-direction:column;gap:8px}
.c{flex-direction:row;align-items:flex-end;padding:10px 12px;border-top:1px solid var(--bd)}
textarea,input[type=email]{flex:1;width:100%;min-height:40px;max-height:120px;resize:none;padding:9px 12px;border:1px solid var(--mu);border-radius:10px;background:var(--bg)}
textarea::placeholder{color:var(--mu);opacity:1}
.b,.lk{border:0;border-radius:10px;padding:9px 14px;cursor:pointer;background:var(--pr);color:var(--on);font-weight:600}
.lk{background:none;color:var(--fg);text-decoration:underline;padding:2px;font-weight:400;font-size:13px}
.v2{padding:16px;overflow-y:auto;flex:1;display:flex;flex-direction:column;gap:12px}
.ce{border-top:1px solid var(--bd);padding:12px 16px}
fieldset{border:0;padding:0;min-width:0}
.k legend{font-weight:600;margin-bottom:10px;padding:0}
.ro{display:flex;gap:4px}
.sc{position:relative;display:grid;place-items:center;flex:1;max-width:44px;height:36px;border:1px solid var(--mu);border-radius:8px;cursor:pointer}
.sc.st{border:0;font-size:26px;color:var(--mu)}
.sc.on{background:var(--pr);color:var(--on);border-color:var(--pr)}
.sc.st.on{background:none;color:var(--fg)}
.sc input:focus-visible+span{outline:2px solid var(--fg);outline-offset:3px;border-radius:4px}
.ends{display:flex;justify-content:space-between;color:var(--mu);font-size:12px;margin-top:4px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap;opacity:0}
.ok{margin:auto;text-align:center;font-weight:600}
.w{position:fixed;z-index:var(--z);display:flex;flex-direction:column;gap:10px;padding:16px;max-height:calc(100% - 32px);overflow:auto;overscroll-behavior:contain;background:var(--bg);border:1px solid var(--bd);border-radius:14px;box-shadow:0 12px 40px #0003;animation:in .18s ease-out}
.w:focus{outline:none}
.w h2{font-weight:600;font-size:16px;padding-inline-end:28px}
.w img{width:100%;max-height:180px;object-fit:cover;border-radius:8px}
.w a{text-decoration:underline}
.k b{font-weight:700}
.k i{font-style:italic}
.w .x{position:absolute;top:6px;inset-inline-end:6px;width:34px;height:34px;border:0;border-radius:8px;background:none;font-size:20px;line-height:1;cursor:pointer}
.bs{display:flex;flex-wrap:wrap;gap:8px}
.bs .b{text-decoration:none;text-align:center}
.b.b2{background:var(--b2);color:var(--fg)}
.bd{position:fixed;inset:0;z-index:var(--z);display:grid;place-items:center;padding:16px;background:#0009;animation:fd .18s}
@keyframes fd{from{opacity:0}}
.md{position:relative;width:min(460px,100%);max-height:100%}
.sd{bottom:var(--b);width:360px}
.cd{width:300px;padding:12px;gap:8px;font-size:13px}
.cd img{max-height:100px}
.bn{left:0;right:0;flex-flow:row wrap;align-items:center;padding:10px 48px 10px 16px;padding-inline:16px 48px;border-radius:0;border-width:0 0 1px;box-shadow:0 2px 12px #0002}
.bt{top:0}
.bb{bottom:0;border-width:1px 0 0}
.bn img{display:none}
.bn p{flex:1 1 240px}
.bn .x{top:calc(50% - 17px)}
.co{display:flex;gap:8px;align-items:center;padding:8px 10px;border:1px solid var(--bd);border-radius:8px;cursor:pointer}
.ch{display:flex;flex-direction:column;gap:6px}
@media ${PHONE}{.sd{left:8px;right:8px;width:auto}.bd{padding:8px}
.p{inset:0;width:auto;height:auto;border:0;border-radius:0;padding:0 env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}
.h{padding-top:calc(10px + env(safe-area-inset-top))}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;

/**
 * The widget's whole stylesheet for these options (missing ones take the documented defaults). Every value taken from the page is sanitised first (the
 * colour arrives as parsed RGB, numbers are coerced, the font loses characters that could end a declaration),
 * so `data-*` attributes cannot inject CSS.
 */
export const widgetCss = (o: WidgetOptions, primary: Rgb): string => {
  // The tag passes its data-* attributes through as strings (or not at all): defaults are applied here.
  const num = (v: unknown, fallback: number) => (v == null || v === '' || isNaN(+v!) ? fallback : Math.round(+v!));
  const font = String(o.font || 'system-ui,sans-serif').replace(/[;{}<>\\]/g, '');
  const vars =
    `.k{--pr:rgb(${primary.join(' ')});--on:${textOn(primary)};--font:${font};--z:${num(o.zIndex, 2147483000)};` +
    // Messages in the launcher's corner sit above it, as the panel does, or in the corner without a launcher.
    `--y:${num(o.offsetY, 20)}px;--b:${num(o.offsetY, 20) + (String(o.launcher) == 'false' ? 0 : 68)}px;${LIGHT}}` +
    `.p,.sd{${o.position == 'left' ? 'left' : 'right'}:${num(o.offsetX, 20)}px}`;
  const dark = `.k{${DARK};color-scheme:dark}`;
  return (
    vars +
    (o.theme == 'dark' ? dark : o.theme == 'auto' || !o.theme ? `@media (prefers-color-scheme:dark){${dark}}` : '') +
    BASE
  );
};
