/**
 * Names to show side by side (a chart's bars or lines, whose labels must differ): each person's
 * name, with the employee number added where two people of the list share a name (张伟（E002）,
 * 张伟（E017）), so two 张伟 never merge into one bar or one legend entry.
 */
export function distinctNames(people: ReadonlyArray<{ name: string; no: string }>): string[] {
  const seen = new Map<string, number>();
  for (const p of people) seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
  return people.map((p) => ((seen.get(p.name) ?? 0) > 1 ? `${p.name}（${p.no}）` : p.name));
}
