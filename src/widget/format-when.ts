const DAY = 864e5;

/**
 * A moment in the visitor's own time zone and locale, as short as it can be unambiguous: the time alone today,
 * weekday and time within a week, else date and time.
 */
export const formatWhen = (iso: string, locale: string, now = new Date()): string => {
  const d = new Date(iso);
  if (isNaN(+d)) return '';
  const today = d.toDateString() == now.toDateString();
  const week = Math.abs(+d - +now) < 6 * DAY;
  return new Intl.DateTimeFormat(locale, {
    ...(today ? {} : week ? { weekday: 'short' } : { month: 'short', day: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(d);
};
