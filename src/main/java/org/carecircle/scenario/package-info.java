/**
 * Scenarios: a named set of planned facilities made from a siting result. Its sites become
 * registry facilities with status {@code planned}; the scenario keeps the coverage before and
 * after them, as the siting run measured it, so that a planner can compare plans side by side.
 */
package org.carecircle.scenario;
