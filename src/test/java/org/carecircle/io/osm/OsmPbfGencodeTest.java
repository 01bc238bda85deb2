package org.carecircle.io.osm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.GeneratedMessage;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.carecircle.testsupport.ChildJvm;
import org.carecircle.testsupport.ExternalTool;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.Test;
import org.openstreetmap.osmosis.osmbinary.Fileformat;
import org.openstreetmap.osmosis.osmbinary.Osmformat;

/**
 * GraphHopper's PBF reader runs on protobuf classes generated for the protobuf runtime on the class
 * path (see the pom at graphhopper-core). With osmosis-osm-binary's classes of protoc 3.12 the
 * runtime that OR-Tools needs printed "Vulnerable protobuf generated type in use ...
 * makeExtensionsImmutable ..." twelve times in every JVM that read an OSM PBF file.
 */
class OsmPbfGencodeTest {
  private static final String CLASS_FILE = "org/openstreetmap/osmosis/osmbinary/Fileformat$Blob.class";

  /**
   * The protobuf runtime warns once per message type and JVM, so the check runs in a fresh JVM: in
   * this one another test may have read a PBF file already.
   */
  @Test
  void readingAPbfFileInAFreshJvmPrintsNothingAboutProtobuf() {
    String pbf = SharedGeodata.file("porto-alegre/poa_osm.pbf").toString();

    ExternalTool.Run run = ExternalTool.run("openjdk-17-jdk-headless", ChildJvm.javaBinary(), "-Xmx512m",
        "-cp", ChildJvm.classpath(), PbfElementCount.class.getName(), pbf);

    // the counts of the shared geodata README: the file was read whole
    assertThat(run.stdout()).contains("nodes=43264 ways=16032");
    assertThat(run.stderr()).doesNotContainIgnoringCase("protobuf").doesNotContain("makeExtensionsImmutable");
  }

  @Test
  void thePbfMessageClassesAreTheOnesGeneratedForThisProtobufRuntime() throws IOException {
    List<URL> copies = Collections.list(getClass().getClassLoader().getResources(CLASS_FILE));

    assertThat(copies).as("copies of the PBF message classes on the class path (osmosis-osm-binary back?)")
        .hasSize(1);
    // protoc 3.x made GeneratedMessageV3 subclasses that call makeExtensionsImmutable while parsing
    assertThat(Fileformat.Blob.class.getSuperclass()).isEqualTo(GeneratedMessage.class);
    assertThat(Osmformat.PrimitiveBlock.class.getSuperclass()).isEqualTo(GeneratedMessage.class);
  }
}
