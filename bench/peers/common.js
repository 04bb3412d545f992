// Shared by the peer pages: the same base layer as our map (municipality and region outlines),
// the same data (our /api/projects GeoJSON, saved by bench/run.mjs), and the same moments
// marked with performance.mark as our site marks them: 'kaart-getekend' when the markers or
// clusters are on the map. The bench driver waits for the paint after each mark.
/* global L */
window.benchPeer = async function (makeLayer) {
  const params = new URLSearchParams(location.search);
  const [key, value] = (params.get('filter') ?? 'ligging:inbreiding').split(':');
  const map = L.map('map', { zoomSnap: 0.5, minZoom: 7, maxZoom: 18, attributionControl: false, preferCanvas: params.get('canvas') === 'ja' });
  window.benchMap = map;
  const [outline, municipalities, regions] = await Promise.all(
    ['provincie', 'gemeenten', 'regios'].map((n) => fetch(`data/grenzen-${n}.geojson`).then((r) => r.json())));
  map.fitBounds(L.geoJSON(outline).getBounds());
  L.geoJSON(municipalities, { style: { color: '#6b7280', weight: 1, fill: false }, interactive: false }).addTo(map);
  L.geoJSON(regions, { style: { color: '#1f2937', weight: 2.5, fill: false }, interactive: false }).addTo(map);
  const data = await fetch(`data/${params.get('data')}.geojson`).then((r) => r.json());
  const points = data.features.map((f) => ({
    id: f.id,
    lon: f.properties.centrum[0],
    lat: f.properties.centrum[1],
    homes: f.properties.woningen,
    cls: f.properties.hoofdklasse,
    keep: String(f.properties[key]) === value,
  }));
  const layer = makeLayer(map);
  layer.show(points);
  performance.mark('kaart-getekend');
  // The driver calls this: keep about half, as our map's checkbox does (or, with false, all again).
  window.benchFilter = (on = true) => {
    layer.show(on ? points.filter((p) => p.keep) : points);
    performance.mark('kaart-getekend');
  };
  document.body.dataset.ready = 'true';
};
