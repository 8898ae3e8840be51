// Natural Earth 110m countries (world-atlas TopoJSON) -> GeoJSON for a flat (Web Mercator)
// map: coordinates rounded to 3 decimals, and rings that cross the antimeridian (Russia,
// Fiji) unwrapped so that they continue past +/-180 instead of striping across the map.
// Antarctica is left as it is: its ring runs along the map's whole bottom edge on purpose.
const topojson = require("topojson-client");
const topo = require("world-atlas/countries-110m.json");
const fc = topojson.feature(topo, topo.objects.countries);
const r3 = (v) => Math.round(v * 1e3) / 1e3;

function unwrap(ring) {
  let offset = 0;
  let prev = ring[0][0];
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const step = lon + offset - prev;
      if (step > 180) offset -= 360;
      else if (step < -180) offset += 360;
    }
    prev = lon + offset;
    return [r3(lon + offset), r3(lat)];
  });
}

for (const f of fc.features) {
  const name = f.properties.name;
  const ring = name === "Antarctica" ? (r) => r.map(([x, y]) => [r3(x), r3(y)]) : unwrap;
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const out = polys.map((p) => p.map(ring));
  f.geometry.coordinates = f.geometry.type === "Polygon" ? out[0] : out;
  f.properties = { name, iso_n3: f.id ?? null };
  delete f.id;
}
process.stdout.write(JSON.stringify(fc));
