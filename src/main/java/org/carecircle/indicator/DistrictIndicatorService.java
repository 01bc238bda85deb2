package org.carecircle.indicator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.carecircle.accessibility.AccessibilityCalculator;
import org.carecircle.accessibility.AccessibilityCells;
import org.carecircle.accessibility.AccessibilityService;
import org.carecircle.district.DistrictLocator;
import org.carecircle.district.DistrictPopulation;
import org.carecircle.district.DistrictService;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.facility.Facility;
import org.carecircle.facility.FacilityQuery;
import org.carecircle.facility.FacilityService;
import org.carecircle.facility.FacilityStatus;
import org.carecircle.network.NetworkService;
import org.carecircle.network.TravelMode;
import org.carecircle.population.PopulationService;
import org.carecircle.standard.PlanningStandard;
import org.carecircle.standard.PlanningStandardService;
import org.springframework.stereotype.Service;

/**
 * Computes {@link IndicatorReport}s. Counts and sums are over EXISTING facilities (planned,
 * candidate and closed ones serve nobody today). A population cell belongs to the district that
 * contains its point (cells are small next to districts; DistrictPopulationCalculator's area split
 * is not needed for a share); points are placed with a {@link DistrictLocator}, so a million cells
 * cost a table look-up each, not a point-in-polygon test per district.
 */
@Service
public class DistrictIndicatorService {
  private static final double PER_THOUSAND = 1000;

  private final DistrictService districts;
  private final FacilityService facilities;
  private final PlanningStandardService standards;
  private final AccessibilityService accessibility;
  private final NetworkService networks;
  private final PopulationService population;

  public DistrictIndicatorService(DistrictService districts, FacilityService facilities,
      PlanningStandardService standards, AccessibilityService accessibility, NetworkService networks,
      PopulationService population) {
    this.districts = districts;
    this.facilities = facilities;
    this.standards = standards;
    this.accessibility = accessibility;
    this.networks = networks;
    this.population = population;
  }

  /**
   * @param standardCode e.g. qingdao-2024
   * @param networkId the network for access targets, or null to skip them
   * @throws InputRejectedException on field {@code standard} or {@code networkId}
   */
  public IndicatorReport report(String standardCode, Long networkId) {
    List<InputProblem> problems = new ArrayList<>();
    PlanningStandard standard = null;
    if (standardCode == null || standardCode.isBlank()) {
      problems.add(InputProblem.ofField("standard", "standard is required, e.g. qingdao-2024 (GET /api/standards)"));
    } else {
      try {
        standard = standards.get(standardCode.trim());
      } catch (NotFoundException e) {
        problems.add(InputProblem.ofField("standard", e.getMessage()));
      }
    }
    if (networkId != null) {
      try {
        networks.get(networkId);
      } catch (NotFoundException e) {
        problems.add(InputProblem.ofField("networkId", "there is no road network with id " + networkId));
      }
    }
    if (!problems.isEmpty()) {
      throw new InputRejectedException(problems);
    }
    List<DistrictPopulation> entries = districts.list();
    DistrictLocator shapes = new DistrictLocator(entries.stream().map(e -> e.district().boundary()).toList());
    List<Facility> existing = facilities.find(new FacilityQuery(Set.of(), Set.of(FacilityStatus.EXISTING), null));
    // facility index -> district index (first containing district), -1 outside all
    int[] facilityDistrict = new int[existing.size()];
    for (int f = 0; f < existing.size(); f++) {
      facilityDistrict[f] = shapes.districtOf(existing.get(f).longitude(), existing.get(f).latitude());
    }
    List<String> notes = new ArrayList<>();
    Map<String, double[]> shares = accessShares(standard, networkId, existing, shapes, notes);

    List<DistrictIndicators> rows = new ArrayList<>();
    for (int d = 0; d < entries.size(); d++) {
      DistrictPopulation entry = entries.get(d);
      Map<String, Integer> byType = new TreeMap<>();
      double beds = 0;
      double physicians = 0;
      for (int f = 0; f < existing.size(); f++) {
        if (facilityDistrict[f] == d) {
          Facility facility = existing.get(f);
          byType.merge(facility.typeCode(), 1, Integer::sum);
          beds += facility.beds() == null ? 0 : facility.beds();
          physicians += facility.physicians() == null ? 0 : facility.physicians();
        }
      }
      Double people = entry.population();
      boolean hasPeople = people != null && people > 0;
      Double bedsPer = hasPeople ? beds / people * PER_THOUSAND : null;
      Double physiciansPer = hasPeople ? physicians / people * PER_THOUSAND : null;
      Map<String, Double> access = new LinkedHashMap<>();
      Map<String, Boolean> pass = new LinkedHashMap<>();
      for (PlanningStandard.Target target : standard.targets()) {
        switch (target.kind()) {
          case access -> {
            double[] share = shares.get(target.code());
            Double value = share == null || Double.isNaN(share[d]) ? null : share[d];
            access.put(target.code(), value);
            pass.put(target.code(), value == null ? null : value >= target.value());
          }
          case facilityCount -> {
            int count = 0;
            for (String type : target.facilityTypes()) {
              count += byType.getOrDefault(type, 0);
            }
            pass.put(target.code(), count >= target.value());
          }
          case perThousand -> {
            Double value = "beds".equals(target.field()) ? bedsPer
                : "physicians".equals(target.field()) ? physiciansPer : null;
            pass.put(target.code(), value == null ? null : value >= target.value());
          }
        }
      }
      rows.add(new DistrictIndicators(entry.district().id(), entry.district().name(), entry.district().code(), people,
          entry.source() == null ? null : entry.source().code(), byType, beds, physicians, bedsPer, physiciansPer,
          access, pass, entry.district().boundary()));
    }
    if (entries.isEmpty()) {
      notes.add("there are no districts; import them first (POST /api/districts/import)");
    }
    return new IndicatorReport(standard.code(), networkId, standard.targets(), notes, rows);
  }

  /** Per access target, per district: share of cell residents within the target (NaN: no cells). */
  private Map<String, double[]> accessShares(PlanningStandard standard, Long networkId, List<Facility> existing,
      DistrictLocator shapes, List<String> notes) {
    Map<String, double[]> shares = new LinkedHashMap<>();
    List<PlanningStandard.Target> targets = standard.targets().stream()
        .filter(t -> t.kind() == PlanningStandard.Kind.access).toList();
    if (targets.isEmpty()) {
      return shares;
    }
    if (networkId == null) {
      notes.add("access targets were skipped: give networkId to measure travel times on a road network");
      return shares;
    }
    if (!population.hasCells()) {
      notes.add("access targets were skipped: there is no population layer (POST /api/population/import)");
      return shares;
    }
    int[] cellDistrict = null;
    for (PlanningStandard.Target target : targets) {
      Set<String> types = new HashSet<>(target.facilityTypes());
      List<AccessibilityCalculator.Source> sources = existing.stream().filter(f -> types.contains(f.typeCode()))
          .map(f -> new AccessibilityCalculator.Source(f.id(), f.name(), f.longitude(), f.latitude())).toList();
      TravelMode mode = TravelMode.parse(target.mode()).orElseThrow(() -> new IllegalStateException(
          "target " + target.code() + " has an unknown mode " + target.mode()));
      if (sources.isEmpty()) {
        notes.add("target " + target.code() + ": no existing facility of types " + target.facilityTypes()
            + ", so nobody is within reach");
      }
      AccessibilityCells cells = accessibility.minutesToNearest(networkId, mode, sources, target.minutes());
      if (cellDistrict == null) {
        cellDistrict = new int[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
          cellDistrict[i] = shapes.districtOf(cells.lon()[i], cells.lat()[i]);
        }
      }
      double[] within = new double[shapes.size()];
      double[] total = new double[shapes.size()];
      for (int i = 0; i < cells.size(); i++) {
        int d = cellDistrict[i];
        if (d >= 0) {
          total[d] += cells.population()[i];
          if (cells.minutes()[i] <= target.minutes()) {
            within[d] += cells.population()[i];
          }
        }
      }
      double[] share = new double[shapes.size()];
      for (int d = 0; d < share.length; d++) {
        share[d] = total[d] > 0 ? within[d] / total[d] : Double.NaN;
      }
      shares.put(target.code(), share);
    }
    return shares;
  }
}
