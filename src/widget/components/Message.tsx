import { useEffect, useRef } from 'preact/hooks';
import { parseMarkup } from '../../shared/parse-markup';
import type { Messages, OpenMessage } from '../create-messages';
import { safeUrl } from '../safe-url';
import { STRINGS } from '../strings';
import { trapFocus } from '../trap-focus';
import { Markup } from './Markup';
import { RatingForm } from './RatingForm';

/** Props of {@link Message}. */
export interface MessageProps {
  m: OpenMessage;
  ctl: Messages;
  /** The page's direction, for content in a left-to-right language. */
  dir: string;
  /** The console's preview: the modal does not take focus from the editor. */
  still?: boolean;
}

/** CSS classes of each kind: position and size. */
const CLASS: Record<string, string> = {
  modal: 'md',
  'banner-top': 'bn bt',
  'banner-bottom': 'bn bb',
  card: 'sd cd',
};

/** Languages written right to left. */
const RTL = /^(ar|dv|fa|he|ps|sd|ug|ur|yi)\b/i;

/**
 * One in-app message of any kind but the chat prompt (which the chat panel shows). A modal is a dialog that takes
 * focus, keeps Tab inside and closes on Esc, its ×, or a click on the backdrop; banners are labelled regions across
 * the top or bottom; slide-ups, cards and surveys are non-modal dialogs in the launcher's corner. None but the modal
 * takes focus. Title and button labels are text, the body safe markup, never HTML.
 */
export function Message({ m, ctl, dir, still }: MessageProps) {
  const { c, x } = m;
  const k = c.k;
  const t = STRINGS[/^ja/i.test(m.loc) ? 'ja' : 'en'];
  const ref = useRef<HTMLDivElement>(null);
  const modal = k == 'modal';
  const survey = k.slice(7);
  const label = x.t ? 'kz-mt' : x.b ? 'kz-mb' : undefined;
  const img = x.m && safeUrl(x.m[0], true);
  useEffect(() => {
    if (modal && !still) ref.current!.focus();
    ctl.shown();
  }, []);
  const box = (
    <div
      ref={ref}
      class={'w ' + (CLASS[k] || 'sd')}
      dir={(RTL.test(m.loc) ? 'rtl' : dir) as 'rtl'}
      lang={m.loc}
      role={k[0] == 'b' ? 'region' : 'dialog'}
      aria-modal={modal ? 'true' : undefined}
      aria-labelledby={label}
      aria-label={label ? undefined : t.notice}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key == 'Escape') {
          e.stopPropagation();
          ctl.close('escape');
        } else if (modal && e.key == 'Tab') trapFocus(e, ref.current!);
      }}
    >
      {img ? <img src={img} alt={x.m![1]} loading="lazy" /> : null}
      {x.t ? <h2 id="kz-mt">{x.t}</h2> : null}
      {x.b ? (
        <p id="kz-mb">
          <Markup nodes={parseMarkup(x.b)} />
        </p>
      ) : null}
      {k.startsWith('survey') ? (
        <RatingForm
          scale={survey == 'nps' ? 'nps' : survey == 'csat' ? 'stars' : survey == 'free-text' ? 'text' : 'choice'}
          by={label}
          choices={x.o}
          ends={x.q}
          t={t}
          onSubmit={(a) => (ctl.answer(a), true)}
        />
      ) : x.n ? (
        <div class="bs">
          {x.n.map((b, i) => {
            const cls = i ? 'b b2' : 'b';
            const click = () => ctl.click(b);
            if (b[1] != 'url')
              return (
                <button type="button" class={cls} onClick={click}>
                  {b[0]}
                </button>
              );
            const href = safeUrl(b[2]);
            return href ? (
              <a class={cls} href={href} target={b[3] ? '_blank' : undefined} rel={b[3] ? 'noopener' : undefined} onClick={click}>
                {b[0]}
              </a>
            ) : null;
          })}
        </div>
      ) : null}
      <button type="button" class="x" aria-label={t.close} onClick={() => ctl.close('close')}>
        ×
      </button>
    </div>
  );
  return modal ? (
    <div class="bd" onClick={(e) => e.target == e.currentTarget && ctl.close('backdrop')}>
      {box}
    </div>
  ) : (
    box
  );
}
