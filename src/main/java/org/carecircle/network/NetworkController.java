package org.carecircle.network;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carecircle.job.JobAccepted;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Road networks over HTTP: import from OSM (as a background job), list, read, delete. */
@RestController
public class NetworkController {
  private final NetworkService networks;

  public NetworkController(NetworkService networks) {
    this.networks = networks;
  }

  /**
   * An import of a file already on the server.
   *
   * @param path absolute or relative to a server import folder (carecircle.import.server-folders)
   * @param name the network's name; default: the file name without extension
   */
  public record ServerFileImport(String path, String name) {}

  @Operation(summary = "Import a road network from an uploaded OpenStreetMap .osm.pbf file",
      description = "Answers 202 with {jobId, statusUrl}; poll GET /api/jobs/{jobId}, whose result is the network."
          + " A file that is empty, not PBF or cut off is rejected at once with 422.")
  @PostMapping(path = "/api/networks/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<JobAccepted> importUpload(
      @RequestPart("file") MultipartFile file,
      @Parameter(description = "the network's name; default: the file name") @RequestParam(required = false) String name)
      throws IOException {
    Path upload = networks.createUploadFile();
    try {
      file.transferTo(upload);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(upload);
      throw e;
    }
    return JobAccepted.response(networks.importUploadedFile(upload, file.getOriginalFilename(), name));
  }

  @Operation(summary = "Import a road network from an .osm.pbf file already on the server",
      description = "Body {\"path\": \"/data/osm/qingdao.osm.pbf\", \"name\": \"Qingdao\"}; answers as the upload. The file must"
          + " lie in a folder listed in carecircle.import.server-folders (empty by default: turned off).")
  @PostMapping(path = "/api/networks/import", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JobAccepted> importServerFile(@RequestBody ServerFileImport request) {
    return JobAccepted.response(networks.importServerFile(request.path(), request.name()));
  }

  @Operation(summary = "The stored road networks",
      description = "[{id, name, sourceFile, bbox: [minLon, minLat, maxLon, maxLat], nodeCount, edgeCount,"
          + " profiles: [walk, drive, ambulance], createdAt}]")
  @GetMapping("/api/networks")
  public List<NetworkInfo> list() {
    return networks.list();
  }

  @Operation(summary = "One road network")
  @GetMapping("/api/networks/{id}")
  public NetworkInfo get(@PathVariable long id) {
    return networks.get(id);
  }

  @Operation(summary = "Delete a road network with its files")
  @DeleteMapping("/api/networks/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id) {
    networks.delete(id);
    return ResponseEntity.noContent().build();
  }
}
