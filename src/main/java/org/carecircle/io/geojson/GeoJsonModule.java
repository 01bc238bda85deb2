package org.carecircle.io.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.locationtech.jts.geom.Geometry;

/**
 * Jackson module that reads and writes JTS geometries as GeoJSON through {@link GeoJsonCodec}, so
 * that every JSON answer of the API uses the same geometry encoding.
 */
public class GeoJsonModule extends SimpleModule {
  public GeoJsonModule() {
    super("CareCircleGeoJson");
    addSerializer(Geometry.class, new GeometrySerializer());
    addDeserializer(Geometry.class, new GeometryDeserializer());
  }

  private static final class GeometrySerializer extends JsonSerializer<Geometry> {
    @Override
    public void serialize(Geometry value, JsonGenerator out, SerializerProvider serializers)
        throws IOException {
      GeoJsonCodec.writeGeometry(out, value);
    }
  }

  private static final class GeometryDeserializer extends JsonDeserializer<Geometry> {
    @Override
    public Geometry deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode node = parser.readValueAsTree();
      return GeoJsonCodec.readGeometry(node, "geometry");
    }
  }
}
