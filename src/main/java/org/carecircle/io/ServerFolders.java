package org.carecircle.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves a path a client sent to a file inside the server import folders
 * ({@link ServerImportProperties}), or refuses it.
 *
 * <p>Contract: a path is accepted only when the file's real path (every symbolic link followed)
 * lies inside the real path of a configured folder; a relative path is read against each folder
 * in turn; a {@code ..} segment is refused outright. Every message quotes only the text the client
 * sent, never a server path, and never tells whether something outside the folders exists: a path
 * outside the folders gets the same answer whether or not it exists there.
 */
@Component
public class ServerFolders {
  private static final Logger log = LoggerFactory.getLogger(ServerFolders.class);
  /** Said whenever a path is refused for where it points, so the answer is the same for all. */
  private static final String OUTSIDE = " is not inside a server import folder; upload the file instead, or ask"
      + " the administrator which folders are open for import";

  private final List<Path> configured;

  public ServerFolders(ServerImportProperties properties) {
    List<Path> folders = new ArrayList<>();
    for (String folder : properties.serverFolders()) {
      try {
        Path path = Path.of(folder);
        if (!path.isAbsolute()) {
          throw new IllegalArgumentException("carecircle.import.server-folders must list absolute folders, found '"
              + folder + "'");
        }
        folders.add(path.normalize());
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("carecircle.import.server-folders: '" + folder + "' is not a path", e);
      }
    }
    this.configured = List.copyOf(folders);
  }

  /** Whether any server folder is configured (server-side import is on). */
  public boolean enabled() {
    return !configured.isEmpty();
  }

  /**
   * The readable regular file the client named.
   *
   * @param requested the path as the client sent it: absolute, or relative to a server folder
   * @param field the request field, for the message (e.g. {@code "path"})
   * @param what what the file should be, for the message (e.g. {@code "an .osm.pbf file"})
   * @return the file's real path
   * @throws InputRejectedException on field {@code field} when server-side import is off, or the
   *     path is blank, invalid, outside the folders, missing, a folder or unreadable
   */
  public Path resolve(String requested, String field, String what) {
    if (!enabled()) {
      throw reject(field, "reading files on the server is turned off; upload the file instead (multipart field"
          + " 'file'), or an administrator lists the folders to read from in the setting"
          + " carecircle.import.server-folders");
    }
    if (requested == null || requested.isBlank()) {
      throw reject(field, "give the path of " + what + " in a server import folder, or upload the file as"
          + " multipart field 'file'");
    }
    String text = requested.trim();
    String quoted = "'" + text.replaceAll("\\p{Cntrl}", "?") + "'";
    Path asked;
    try {
      asked = Path.of(text);
    } catch (InvalidPathException e) {
      throw reject(field, quoted + " is not a valid path");
    }
    for (Path part : asked) {
      if (part.toString().equals("..")) {
        throw reject(field, quoted + " contains '..'; give the path without it");
      }
    }
    List<Path> roots = realFolders();
    // a client may name a file through a folder as configured or as its real path
    List<Path> prefixes = new ArrayList<>(configured);
    prefixes.addAll(roots);
    boolean escapes = false;
    boolean lexicallyInsideAny = false;
    for (Path root : roots) {
      Path candidate = root.resolve(asked).normalize();
      // the lexical test comes first, so nothing outside the folders is ever looked at
      if (prefixes.stream().noneMatch(candidate::startsWith)) {
        continue;
      }
      lexicallyInsideAny = true;
      if (!insideAfterLinks(candidate, roots)) {
        escapes = true;
        continue;
      }
      if (!Files.exists(candidate)) {
        continue;
      }
      Path real;
      try {
        real = candidate.toRealPath();
      } catch (IOException e) {
        continue;
      }
      if (Files.isDirectory(real)) {
        throw reject(field, quoted + " is a folder, not " + what);
      }
      if (!Files.isRegularFile(real)) {
        throw reject(field, "there is no file " + quoted + " in the server import folders");
      }
      if (!Files.isReadable(real)) {
        throw reject(field, quoted + " cannot be read by CareCircle (file permissions)");
      }
      return real;
    }
    // a link leading out is answered like a path outside, whether or not its target exists
    throw reject(field, lexicallyInsideAny && !escapes
        ? "there is no file " + quoted + " in the server import folders" : quoted + OUTSIDE);
  }

  /**
   * Whether the deepest existing ancestor of {@code candidate} (itself when it exists) has its
   * real path inside a folder: false when a symbolic link on the way leads out.
   */
  private static boolean insideAfterLinks(Path candidate, List<Path> roots) {
    Path existing = candidate;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return false;
    }
    try {
      Path real = existing.toRealPath();
      return roots.stream().anyMatch(real::startsWith);
    } catch (IOException e) {
      return false;
    }
  }

  /** The configured folders that exist, as real paths; a missing one is logged and skipped. */
  private List<Path> realFolders() {
    List<Path> roots = new ArrayList<>();
    for (Path folder : configured) {
      Optional<Path> real = realFolder(folder);
      real.ifPresentOrElse(roots::add,
          () -> log.warn("server import folder {} (carecircle.import.server-folders) does not exist", folder));
    }
    return roots;
  }

  private static Optional<Path> realFolder(Path folder) {
    try {
      Path real = folder.toRealPath();
      return Files.isDirectory(real) ? Optional.of(real) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static InputRejectedException reject(String field, String message) {
    return new InputRejectedException(InputProblem.ofField(field, message));
  }
}
