package org.carecircle.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.springframework.web.multipart.MultipartFile;

/** Uploaded files as the importers want them: a file on local disk, removed afterwards. */
public final class Uploads {
  private Uploads() {}

  /** Saves the upload to a temporary file, hands it to {@code importer}, and deletes it. */
  public static <T> T withLocalCopy(MultipartFile file, String prefix, Function<Path, T> importer)
      throws IOException {
    Path upload = Files.createTempFile(prefix, ".upload");
    try {
      file.transferTo(upload);
      return importer.apply(upload);
    } finally {
      Files.deleteIfExists(upload);
    }
  }
}
