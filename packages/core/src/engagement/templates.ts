/** Message templates with {placeholders}: {customer}, {contact}, {date}, {years}, {holiday}. */
export type TemplateVars = Partial<
  Record<'customer' | 'contact' | 'date' | 'years' | 'holiday', string | number>
>;

/** Fills the placeholders a template uses; unknown or missing ones stay as written. */
export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = (vars as Record<string, string | number | undefined>)[key];
    return v === undefined || v === null ? whole : String(v);
  });
}

export const TEMPLATE_PLACEHOLDERS = ['customer', 'contact', 'date', 'years', 'holiday'] as const;

/** Placeholders a template uses that are not known (for validating settings). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((k) => !known.has(k));
}
