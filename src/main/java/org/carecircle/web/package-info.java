/**
 * Web glue shared by every feature: problem+json error answers, Jackson set-up and the settings the
 * map page reads. Feature controllers live in their feature packages.
 */
package org.carecircle.web;
