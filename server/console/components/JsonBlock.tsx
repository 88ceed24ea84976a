import { valueText } from '../format';

/** Props of {@link JsonBlock}. */
export interface JsonBlockProps {
  label: string;
  value: unknown;
}

/** Visitor-supplied data shown as indented JSON text (never parsed as HTML). */
export function JsonBlock({ label, value }: JsonBlockProps) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object' && Object.keys(value as object).length === 0) return null;
  let text: string;
  try {
    text = JSON.stringify(value, null, 2);
  } catch {
    text = valueText(value);
  }
  return (
    <div class="json">
      <h4>{label}</h4>
      <pre>{text}</pre>
    </div>
  );
}
