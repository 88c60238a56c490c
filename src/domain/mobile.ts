/**
 * A mobile number as people and directories write it (`138 0013 8000`, `+86 13800138000`,
 * `+8613800138000`), reduced to its digits so two spellings compare equal: spaces, dashes and
 * brackets dropped, a leading +86 or 0086 (mainland China) dropped. Null when what is left is
 * not 5 to 15 digits (ITU E.164 allows at most 15), optionally led by one `+` for another country.
 */
export function normalizeMobile(text: string): string | null {
  const compact = text.replace(/[\s\-()（）]/g, '');
  const mainland = compact.replace(/^(\+86|0086)(?=1\d{10}$)/, '');
  return /^\+?\d{5,15}$/.test(mainland) ? mainland : null;
}
