package org.carecircle.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.system.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records changes and reads them back. Recording must happen inside the transaction that makes the
 * change (it refuses to run outside one), so that a change and its entry are stored together or
 * not at all. States are serialised with the application's JSON mapper, so a facility's GeoJSON
 * feature is stored as the API sends it.
 */
@Service
public class ChangeLog implements ChangeRecorder {
  /**
   * Longest state kept, in characters of JSON; the width of the H2 column. A facility reaches it
   * only with about a megabyte of free attributes.
   */
  public static final int MAX_STATE_CHARS = 1_000_000;

  private final ChangeLogRepository repository;
  private final CurrentUser currentUser;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public ChangeLog(ChangeLogRepository repository, CurrentUser currentUser, ObjectMapper json) {
    this.repository = repository;
    this.currentUser = currentUser;
    this.json = json;
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(Change change) {
    recordAll(List.of(change));
  }

  /**
   * Records many changes (an import's rows) in batches, all by the current user at the same time.
   *
   * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a
   *     transaction
   * @throws InputRejectedException on field attributes when a state is longer than {@link
   *     #MAX_STATE_CHARS}; the caller's transaction then rolls back
   */
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordAll(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<String> before = new ArrayList<>(changes.size());
    List<String> after = new ArrayList<>(changes.size());
    for (Change change : changes) {
      before.add(toJson(change.before()));
      after.add(toJson(change.after()));
    }
    repository.appendAll(changes, before, after, currentUser.name(), Instant.now(clock));
  }

  @Override
  public long nextVersion(EntityType type, String entityId) {
    return repository.latestVersion(type, entityId) + 1;
  }

  /** The entity's entries, newest first; empty when nothing was recorded. */
  public List<ChangeEntry> history(EntityType type, String entityId) {
    return repository.forEntity(type, entityId);
  }

  /** The entry that made a version of the entity. */
  public Optional<ChangeEntry> entry(EntityType type, String entityId, long version) {
    return repository.find(type, entityId, version);
  }

  /** A page of the whole log, newest first. */
  public List<ChangeEntry> page(HistoryQuery query) {
    return repository.page(query);
  }

  private String toJson(Object state) {
    if (state == null) {
      return null;
    }
    String text;
    try {
      text = json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a state for the change history cannot be written as JSON", e);
    }
    if (text.length() > MAX_STATE_CHARS) {
      throw new InputRejectedException(InputProblem.ofField("attributes", "the change cannot be kept in the history:"
          + " as JSON it has " + text.length() + " characters, at most " + MAX_STATE_CHARS + " are kept; shorten"
          + " the free attributes. Nothing was written."));
    }
    return text;
  }
}
