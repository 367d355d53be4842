/** "13800138000" → "138****8000"; short numbers keep only their last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const chars = [...phone];
  const digitIdx = chars.flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  const keepHead = digitIdx.length >= 11 ? 3 : 0;
  const keepTail = digitIdx.length >= 7 ? 4 : 2;
  digitIdx.forEach((idx, n) => {
    if (n >= keepHead && n < digitIdx.length - keepTail) chars[idx] = '*';
  });
  return chars.join('');
}

/** "zhang.wei@example.com" → "z***@example.com". */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** ID numbers keep their first and last two characters. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  if (id.length <= 4) return '*'.repeat(id.length);
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`;
}
