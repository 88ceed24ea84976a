/**
 * Every string the widget shows, in English. `{n}`-style placeholders are filled by {@link fill}. Error strings
 * are keyed by the collector's error code (docs/protocol.md), `network` for no connection.
 */
const en = {
  chat: 'Chat',
  feedback: 'Feedback',
  close: 'Close',
  messages: 'Messages',
  write: 'Write a message',
  send: 'Send',
  you: 'You',
  agent: 'Support',
  sending: 'Sending…',
  queued: 'Sends when online',
  notSent: 'Not sent',
  typing: 'Support is typing…',
  empty: 'Ask us anything.',
  online: 'We reply in about {n} min.',
  away: 'We are away. Expect a reply from {t}.',
  awayNoTime: 'We are away. We will reply soon.',
  emailAsk: 'Get the reply by email',
  email: 'Email address',
  save: 'Save',
  emailSaved: 'We will reply to {e}.',
  end: 'End conversation',
  ended: 'Conversation ended. Write to start a new one.',
  rateChat: 'How was this conversation?',
  npsQ: 'How likely are you to recommend us?',
  starsQ: 'How do you rate your experience?',
  npsLow: '0 = not likely',
  npsHigh: '10 = very likely',
  star: '{n} of 5 stars',
  comment: 'Comment (optional)',
  submit: 'Submit',
  pick: 'Choose a rating.',
  thanks: 'Thank you!',
  pickOne: 'Choose an answer.',
  writeOne: 'Write an answer.',
  notice: 'Message',
  text_too_long: 'Too long: 4000 characters at most.',
  rate_limited: 'Too many messages. Wait a moment.',
  verification_required: 'Sign in to chat.',
  network: 'Offline. Messages send when you reconnect.',
  unavailable: 'Chat is unavailable.',
  error: 'Something went wrong. Try again.',
};

/** The widget's strings for one locale. */
export type Strings = typeof en;

/** Japanese. Typed as {@link Strings}, so a missing key fails the build. */
const ja: Strings = {
  chat: 'チャット',
  feedback: 'フィードバック',
  close: '閉じる',
  messages: 'メッセージ',
  write: 'メッセージを入力',
  send: '送信',
  you: 'あなた',
  agent: 'サポート',
  sending: '送信中…',
  queued: '接続後に送信',
  notSent: '送信できませんでした',
  typing: 'サポートが入力中…',
  empty: 'お気軽にどうぞ。',
  online: '約 {n} 分で返信します。',
  away: '営業時間外です。{t} 以降に返信します。',
  awayNoTime: '営業時間外です。後ほど返信します。',
  emailAsk: 'メールで返信を受け取る',
  email: 'メールアドレス',
  save: '保存',
  emailSaved: '{e} に返信します。',
  end: '会話を終了',
  ended: '会話は終了しました。入力すると新しい会話になります。',
  rateChat: 'この会話はいかがでしたか？',
  npsQ: '知人に薦める可能性は？',
  starsQ: '満足度を教えてください。',
  npsLow: '0 = 薦めない',
  npsHigh: '10 = ぜひ薦める',
  star: '5 段階中 {n}',
  comment: 'コメント（任意）',
  submit: '送信',
  pick: '評価を選んでください。',
  thanks: 'ありがとうございました！',
  pickOne: '回答を選んでください。',
  writeOne: '回答を入力してください。',
  notice: 'お知らせ',
  text_too_long: '4000 文字までです。',
  rate_limited: '送信が多すぎます。少し待ってください。',
  verification_required: 'ログインしてください。',
  network: 'オフラインです。接続後に送信します。',
  unavailable: 'チャットは利用できません。',
  error: 'エラーです。再度お試しください。',
};

/** All strings by locale (`host.locale`). */
export const STRINGS: Record<'en' | 'ja', Strings> = { en, ja };

/** Fills `{name}` placeholders: `fill('in {n} min', { n: 5 })`. */
export const fill = (s: string, v: Record<string, string | number>): string =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));
