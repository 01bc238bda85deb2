package org.carecircle.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.facility.FacilityService;
import org.carecircle.io.geojson.GeoJsonReader;
import org.carecircle.network.TravelMode;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every bad field of the shared analysis request, once: the request is read from JSON as an
 * analysis receives it and checked under the rules the analyses use. Each analysis's own API test
 * keeps one case proving that it goes through these checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalysisRequestCheckerTest {
  /** Coverage by radius: no network needed, bands, facilities or points, 1,000 origins at once. */
  static final AnalysisRules NO_NETWORK = new AnalysisRules(false, true, AnalysisLimits.MAX_BANDS,
      AnalysisRules.Selection.FACILITIES_OR_POINTS, AnalysisLimits.MAX_SYNC_ORIGINS, "/api/coverage-zones/jobs");
  /** Accessibility: a network, registry facilities only, no jobs endpoint to send more to. */
  static final AnalysisRules FACILITIES_ONLY = new AnalysisRules(true, true, AnalysisLimits.MAX_BANDS,
      AnalysisRules.Selection.FACILITIES, AnalysisLimits.MAX_JOB_ORIGINS, null);
  /** Network siting: one optional standard, facilities named in its own fields. */
  static final AnalysisRules ONE_STANDARD = new AnalysisRules(false, false, 1, AnalysisRules.Selection.NONE, 0, null);

  @Autowired AnalysisRequestChecker checker;
  @Autowired ObjectMapper json;
  @Autowired FacilityService facilities;
  @Autowired DataSource dataSource;

  @BeforeEach
  void emptyStore() {
    TestStores.clear(dataSource);
  }

  private AnalysisRequest read(String body) throws Exception {
    return json.readValue(body, AnalysisRequest.class);
  }

  /** The problems of {@code body} under {@code rules}. */
  private List<InputProblem> problems(String body, AnalysisRules rules) throws Exception {
    List<InputProblem> problems = new ArrayList<>();
    CheckedAnalysis checked = checker.check(read(body), rules, problems);
    assertThat(checked == null).as("null exactly when there are problems: " + problems).isEqualTo(!problems.isEmpty());
    return problems;
  }

  /** Asserts that {@code body} has exactly one problem, on {@code field}, whose message contains {@code words}. */
  private void rejects(String body, AnalysisRules rules, String field, String words) throws Exception {
    List<InputProblem> problems = problems(body, rules);
    assertThat(problems).as(body).hasSize(1);
    assertThat(problems.get(0).field()).as(body).isEqualTo(field);
    assertThat(problems.get(0).message()).as(body).contains(words);
  }

  private static final String POINT = "\"points\":[[120.38,36.07]]";

  @Test
  void anEmptyBodyIsNamed() {
    assertThatThrownBy(() -> checker.check(null, NO_NETWORK)).isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("the request body is empty");
  }

  @Test
  void networkIdIsRequiredAndMustExistWhereTheRulesNeedIt() throws Exception {
    rejects("{\"mode\":\"drive\",\"minutes\":[15]," + POINT + "}", FACILITIES_ONLY.withSelection(
        AnalysisRules.Selection.FACILITIES_OR_POINTS), "networkId", "networkId is required; import a road network first");
    rejects("{\"networkId\":987654,\"mode\":\"drive\",\"minutes\":[15]," + POINT + "}",
        FACILITIES_ONLY.withSelection(AnalysisRules.Selection.FACILITIES_OR_POINTS), "networkId",
        "there is no road network with id 987654");
    // not looked at where the analysis needs no roads
    assertThat(problems("{\"networkId\":987654,\"mode\":\"drive\",\"minutes\":[15]," + POINT + "}", NO_NETWORK)).isEmpty();
  }

  @Test
  void modeIsRequiredAndOneOfTheThree() throws Exception {
    rejects("{\"minutes\":[15]," + POINT + "}", NO_NETWORK, "mode", "mode is required: walk, drive or ambulance");
    rejects("{\"mode\":\"bicycle\",\"minutes\":[15]," + POINT + "}", NO_NETWORK, "mode",
        "unknown mode 'bicycle'; expected walk, drive or ambulance");
    for (TravelMode mode : TravelMode.values()) {
      CheckedAnalysis checked = checker.check(read("{\"mode\":\"" + mode.code() + "\",\"minutes\":[15]," + POINT + "}"),
          NO_NETWORK);
      assertThat(checked.mode()).isEqualTo(mode);
    }
  }

  @Test
  void minutesAreBetweenZeroAndThreeHoursAndNamedByPosition() throws Exception {
    rejects("{\"mode\":\"walk\"," + POINT + "}", NO_NETWORK, "minutes", "minutes is required");
    rejects("{\"mode\":\"walk\",\"minutes\":[]," + POINT + "}", NO_NETWORK, "minutes", "minutes is required");
    rejects("{\"mode\":\"walk\",\"minutes\":[0]," + POINT + "}", NO_NETWORK, "minutes[0]",
        "each value of minutes must be more than 0 and at most 180, found 0");
    rejects("{\"mode\":\"walk\",\"minutes\":[10,181]," + POINT + "}", NO_NETWORK, "minutes[1]", "found 181");
    rejects("{\"mode\":\"walk\",\"minutes\":[10,null]," + POINT + "}", NO_NETWORK, "minutes[1]", "found nothing");
    rejects("{\"mode\":\"walk\",\"minutes\":[-5]," + POINT + "}", NO_NETWORK, "minutes[0]", "found -5");
    StringBuilder bands = new StringBuilder("[1");
    for (int i = 2; i <= AnalysisLimits.MAX_BANDS + 1; i++) {
      bands.append(',').append(i);
    }
    rejects("{\"mode\":\"walk\",\"minutes\":" + bands + "]," + POINT + "}", NO_NETWORK, "minutes",
        "minutes has 25 values; this analysis takes at most 24");
    rejects("{\"mode\":\"walk\",\"minutes\":[10,15]}", ONE_STANDARD, "minutes", "takes at most 1 (one standard");
  }

  @Test
  void minutesComeBackAscendingAndDistinctAndOneNumberIsAListOfOne() throws Exception {
    CheckedAnalysis bands = checker.check(read("{\"mode\":\"walk\",\"minutes\":[15,5,10,5]," + POINT + "}"), NO_NETWORK);
    assertThat(bands.minutes()).containsExactly(5, 10, 15);
    CheckedAnalysis standard = checker.check(read("{\"mode\":\"drive\",\"minutes\":12}"), ONE_STANDARD);
    assertThat(standard.minutes()).containsExactly(12);
    // where the rules do not require it, no minutes is no problem
    assertThat(checker.check(read("{\"mode\":\"drive\"}"), ONE_STANDARD).minutes()).isEmpty();
  }

  @Test
  void turnoutIsNotNegativeAndLeavesTimeToTravel() throws Exception {
    rejects("{\"mode\":\"drive\",\"minutes\":[15],\"turnoutMinutes\":-1," + POINT + "}", NO_NETWORK,
        "turnoutMinutes", "turnoutMinutes must be 0 or more, found -1");
    rejects("{\"mode\":\"drive\",\"minutes\":[5,15],\"turnoutMinutes\":5," + POINT + "}", NO_NETWORK,
        "turnoutMinutes", "turnoutMinutes (5) must be less than the smallest of minutes (5): no time would be left");
    rejects("{\"mode\":\"drive\",\"minutes\":8,\"turnoutMinutes\":9}", ONE_STANDARD, "turnoutMinutes",
        "less than the smallest of minutes (8)");
    assertThat(checker.check(read("{\"mode\":\"drive\",\"minutes\":[5],\"turnoutMinutes\":1.5," + POINT + "}"),
        NO_NETWORK).turnoutMinutes()).isEqualTo(1.5);
  }

  @Test
  void exactlyOneFacilitySelectionIsGivenAndPointsOnlyWhereAccepted() throws Exception {
    rejects("{\"mode\":\"walk\",\"minutes\":[10]}", NO_NETWORK, "facilityIds",
        "say which facilities: facilityIds, facilityFilter (types, statuses) or points");
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"facilityIds\":[1]," + POINT + "}", NO_NETWORK, "facilityIds",
        "give only one of facilityIds, facilityFilter or points");
    // an analysis that starts from registry facilities never offers points
    List<InputProblem> none = problems("{\"mode\":\"walk\",\"minutes\":[10]}", FACILITIES_ONLY.withNetworkRequired(false));
    assertThat(none).singleElement().satisfies(p -> assertThat(p.message())
        .isEqualTo("say which facilities: facilityIds or facilityFilter (types, statuses)"));
    rejects("{\"mode\":\"walk\",\"minutes\":[10]," + POINT + "}", FACILITIES_ONLY.withNetworkRequired(false), "points",
        "this analysis starts from registry facilities; give facilityIds or facilityFilter");
    rejects("{\"mode\":\"drive\",\"minutes\":10,\"facilityIds\":[1]}", ONE_STANDARD, "facilityIds",
        "this analysis does not take facilityIds");
  }

  @Test
  void facilityIdsMustNameStoredFacilities() throws Exception {
    long clinic = clinic("Clinic A", 120.38, 36.07);
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"facilityIds\":[]}", NO_NETWORK, "facilityIds", "facilityIds is empty");
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"facilityIds\":[" + clinic + ",987654]}", NO_NETWORK, "facilityIds",
        "there is no facility with id 987654");
    CheckedAnalysis checked = checker.check(read("{\"mode\":\"walk\",\"minutes\":[10],\"facilityIds\":[" + clinic
        + "]}"), NO_NETWORK);
    assertThat(checked.origins()).singleElement().satisfies(o -> {
      assertThat(o.facilityId()).isEqualTo(clinic);
      assertThat(o.facilityName()).isEqualTo("Clinic A");
      assertThat(o.lon()).isEqualTo(120.38);
      assertThat(o.lat()).isEqualTo(36.07);
    });
  }

  @Test
  void facilityFilterNamesKnownTypesAndStatusesAndMustMatchSomething() throws Exception {
    clinic("Clinic A", 120.38, 36.07);
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"facilityFilter\":{\"types\":[\"spaceport\"]}}", NO_NETWORK,
        "facilityFilter.types", "unknown facility type 'spaceport'");
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"facilityFilter\":{\"statuses\":[\"open\"]}}", NO_NETWORK,
        "facilityFilter.statuses", "unknown status 'open'");
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"facilityFilter\":{\"types\":[\"hospital\"]}}", NO_NETWORK,
        "facilityFilter", "no facility matches these types and statuses");
    // statuses default to existing: the clinic is existing
    assertThat(checker.check(read("{\"mode\":\"walk\",\"minutes\":[10],\"facilityFilter\":{\"types\":[\"clinic\"]}}"),
        NO_NETWORK).origins()).hasSize(1);
    assertThat(problems("{\"mode\":\"walk\",\"minutes\":[10],\"facilityFilter\":{\"types\":[\"clinic\"],"
        + "\"statuses\":[\"candidate\"]}}", NO_NETWORK)).singleElement()
        .satisfies(p -> assertThat(p.field()).isEqualTo("facilityFilter"));
  }

  @Test
  void pointsAreLongitudeLatitudePairsInRangeKeptInOrder() throws Exception {
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"points\":[]}", NO_NETWORK, "points", "points is empty");
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"points\":[[120.38,36.07],[120.4,300]]}", NO_NETWORK, "points[1]",
        "expected [longitude, latitude] in degrees");
    rejects("{\"mode\":\"walk\",\"minutes\":[10],\"points\":[[120.38]]}", NO_NETWORK, "points[0]", "expected [longitude");
    CheckedAnalysis checked = checker.check(read("{\"mode\":\"walk\",\"minutes\":[10],\"points\":[[1,2],[3,4]]}"),
        NO_NETWORK);
    assertThat(checked.origins()).extracting(AnalysisOrigin::pointIndex).containsExactly(0, 1);
    assertThat(checked.origins()).extracting(AnalysisOrigin::lon).containsExactly(1.0, 3.0);
  }

  @Test
  void moreOriginsThanTheRulesAllowAreSentToTheJobsEndpointOrSplit() throws Exception {
    StringBuilder points = new StringBuilder("[[1,1]");
    for (int i = 1; i <= AnalysisLimits.MAX_SYNC_ORIGINS; i++) {
      points.append(",[1,1]");
    }
    String body = "{\"mode\":\"walk\",\"minutes\":[10],\"points\":" + points + "]}";
    rejects(body, NO_NETWORK, "points", "1001 points; at most 1000 are allowed in one request answered at once;"
        + " send the same request to POST /api/coverage-zones/jobs");
    rejects(body, NO_NETWORK.withMaxOrigins(10, null), "points", "at most 10 are allowed in one request; split it");
  }

  @Test
  void aSelectionOfOneFieldTakesIdsOrTypesAndStatusesNotBoth() {
    long clinic = clinic("Clinic A", 120.38, 36.07);
    List<InputProblem> problems = new ArrayList<>();
    checker.facilities(new FacilitySelection(List.of(clinic), List.of("clinic"), null), "fixedFacilities", null, problems);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("fixedFacilities");
      assertThat(p.message()).isEqualTo("give either ids or types and statuses, not both");
    });
    problems.clear();
    checker.facilities(new FacilitySelection(List.of(987654L), null, null), "fixedFacilities", null, problems);
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("fixedFacilities.ids"));
    problems.clear();
    assertThat(checker.facilities(new FacilitySelection(null, List.of("clinic"), null), "candidateFacilities",
        List.of("candidate"), problems)).as("the default statuses of the field apply").isEmpty();
    assertThat(checker.facilities(new FacilitySelection(null, List.of("clinic"), null), "fixedFacilities", null,
        problems)).hasSize(1);
    assertThat(problems).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    List<InputProblem> problems = problems("{\"mode\":\"boat\",\"minutes\":[0],\"turnoutMinutes\":-2}", NO_NETWORK);
    assertThat(problems).extracting(InputProblem::field)
        .containsExactly("mode", "minutes[0]", "turnoutMinutes", "facilityIds");
  }

  private long clinic(String name, double lon, double lat) {
    String feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat
        + "]},\"properties\":{\"name\":\"" + name + "\",\"type\":\"clinic\"}}";
    try {
      return facilities.create(GeoJsonReader.readSingleFeature(json.readTree(feature))).id();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
