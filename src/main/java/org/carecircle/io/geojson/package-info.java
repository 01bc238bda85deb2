/**
 * GeoJSON (RFC 7946): {@link org.carecircle.io.geojson.GeoJsonCodec} is the single geometry
 * encoder/decoder; {@link org.carecircle.io.geojson.GeoJsonModule} plugs it into Jackson for the API.
 */
package org.carecircle.io.geojson;
