package org.carecircle.facility;

import java.util.List;
import org.carecircle.error.InputProblem;

/**
 * The answer to a successful import.
 *
 * @param imported rows written (created + updated)
 * @param created new facilities
 * @param updated facilities whose externalId was already in the registry and were replaced
 * @param rejected always empty here: a file with a bad row is rejected whole
 * @param warnings things skipped that do not make the file wrong, e.g. an OSM hospital whose
 *     outline the extract cut off
 */
public record ImportResult(
    int imported, int created, int updated, List<InputProblem> rejected, List<InputProblem> warnings) {}
