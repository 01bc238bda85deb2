package org.carecircle.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carecircle.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A raster that declares more pixels than CareCircle reads is refused before anything is allocated. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PopulationBoundsApiTest {
  @LocalServerPort int port;
  @TempDir Path folder;

  @Test
  void geoTiffDeclaring100000By100000PixelsIsRefusedNamingSizeAndLimit() throws IOException {
    Path small = GeoTiffFixture.grid(2, 2, 1, 2, 3, 4).write(folder, "small.tif");
    Path huge = folder.resolve("huge.tif");
    Files.write(huge, withDeclaredSize(Files.readAllBytes(small), 100_000, 100_000));
    ApiClient.Response response = new ApiClient(port).upload("/api/population/import", huge);
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json().at("/rejected/0");
    assertThat(problem.get("message").asText()).contains("100000 × 100000").contains("at most");
  }

  /** The TIFF with its ImageWidth and ImageLength tags rewritten as LONG values (the strips stay small). */
  private static byte[] withDeclaredSize(byte[] tiff, int width, int height) {
    ByteBuffer buffer = ByteBuffer.wrap(tiff);
    buffer.order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int ifd = buffer.getInt(4);
    int entries = Short.toUnsignedInt(buffer.getShort(ifd));
    int rewritten = 0;
    for (int i = 0; i < entries; i++) {
      int entry = ifd + 2 + 12 * i;
      int tag = Short.toUnsignedInt(buffer.getShort(entry));
      if (tag == 256 || tag == 257) {
        buffer.putShort(entry + 2, (short) 4);
        buffer.putInt(entry + 4, 1);
        buffer.putInt(entry + 8, tag == 256 ? width : height);
        rewritten++;
      }
    }
    assertThat(rewritten).as("ImageWidth and ImageLength tags").isEqualTo(2);
    return tiff;
  }
}
