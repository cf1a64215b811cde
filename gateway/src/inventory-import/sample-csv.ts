// A realistic CSV inventory of any size (tests and `npm run bench -- inventory-import`).
export function sampleInventoryCsv(rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `host-${i},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},team${i % 7}/line${i % 3}/svc${i % 50},env=prod;shard=${i % 16},root;deploy`);
  return `name,address,node,tags,logins\n${lines.join('\n')}\n`;
}
