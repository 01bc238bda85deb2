package org.carecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.carecircle.facility.FacilityRepository;
import org.carecircle.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The upload limit is a setting; a larger file gets a clear 413 and nothing is written. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "carecircle.import.max-file-size=1MB")
class UploadLimitTest {
  @LocalServerPort int port;
  @Autowired FacilityRepository repository;

  @Test
  void fileOverTheLimitIsRejectedWithTheLimitInTheMessage() {
    StringBuilder csv = new StringBuilder("name,type,lon,lat\n");
    while (csv.length() < 1_500_000) {
      csv.append("Clinic,clinic,120.38,36.07\n");
    }
    var response = new ApiClient(port).upload("/api/facilities/import", "big.csv",
        csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.toString()).isEqualTo(413);
    assertThat(response.json().at("/rejected/0/message").asText())
        .contains("larger than the upload limit of 1 MB").contains("carecircle.import.max-file-size");
    assertThat(repository.count()).isZero();
  }
}
