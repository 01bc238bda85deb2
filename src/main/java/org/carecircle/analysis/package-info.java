/**
 * The request every network analysis shares: road network, travel mode, minutes (bands or a
 * standard), turnout minutes and the facility selection. {@link
 * org.carecircle.analysis.AnalysisRequest} is its wire form, which coverage zones, accessibility
 * and network siting extend with their own fields; {@link
 * org.carecircle.analysis.AnalysisRequestChecker} checks the shared part in one place, with one set
 * of limits ({@link org.carecircle.analysis.AnalysisLimits}) and one wording of each error, into a
 * {@link org.carecircle.analysis.CheckedAnalysis}. An analysis states what it accepts with {@link
 * org.carecircle.analysis.AnalysisRules} and never checks the shared fields again.
 */
package org.carecircle.analysis;
