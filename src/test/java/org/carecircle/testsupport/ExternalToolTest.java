package org.carecircle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExternalToolTest {

  @Test
  void missingToolFailsTheTestNamingThePackageToInstall() {
    assertThatThrownBy(() -> ExternalTool.run("gdal-bin", "carecircle-no-such-tool", "--version"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("carecircle-no-such-tool is not installed")
        .hasMessageContaining("apt-get install -y gdal-bin");
  }

  @Test
  void capturesWhatTheToolPrints() {
    ExternalTool.Run run = ExternalTool.run("coreutils", "echo", "市南区");

    assertThat(run.stdout()).isEqualTo("市南区\n");
    assertThat(run.stderr()).isEmpty();
  }
}
