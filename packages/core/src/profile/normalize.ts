/**
 * Phone numbers compared by their digits; a leading China country code (+86 / 0086) is dropped
 * so that "+86 138-0013-8000" and "13800138000" match. Null when fewer than 5 digits remain.
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  else if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  return digits.length >= 5 ? digits : null;
}

export function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

/** Names compared without case, spaces and common punctuation (full-width included). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.,·()（）\-_'"“”]/g, '');
}
