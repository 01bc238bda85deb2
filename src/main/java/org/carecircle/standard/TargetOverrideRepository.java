package org.carecircle.standard;

import java.util.List;

/** The stored target changes; one row per changed target, none for a target as in the file. */
public interface TargetOverrideRepository {

  /** The changes of one standard, in no particular order; empty when none. */
  List<TargetOverride> findByStandard(String standardCode);

  /** Stores the change, replacing an earlier one of the same target. */
  void save(TargetOverride override);

  /**
   * Forgets the change of one target (it goes back to the file's values).
   *
   * @return false when the target had no stored change
   */
  boolean delete(String standardCode, String targetCode);
}
