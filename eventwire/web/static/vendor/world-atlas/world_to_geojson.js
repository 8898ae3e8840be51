// Natural Earth 110m countries (world-atlas TopoJSON) -> GeoJSON with 3-decimal coordinates.
const topojson = require("topojson-client");
const topo = require("world-atlas/countries-110m.json");
const fc = topojson.feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 1e3) / 1e3, Math.round(c[1] * 1e3) / 1e3] : c.map(round));
for (const f of fc.features) {
  f.properties = { name: f.properties.name, iso_n3: f.id ?? null };
  delete f.id;
  f.geometry.coordinates = round(f.geometry.coordinates);
}
process.stdout.write(JSON.stringify(fc));
