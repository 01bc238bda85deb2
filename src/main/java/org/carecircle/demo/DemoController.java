package org.carecircle.demo;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.Map;
import org.carecircle.facility.ImportResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The synthetic demo dataset: offered on an empty store, loaded only on request. */
@RestController
public class DemoController {
  private final DemoService demo;

  public DemoController(DemoService demo) {
    this.demo = demo;
  }

  @Operation(summary = "Whether the store is empty and what the demo dataset holds")
  @GetMapping("/api/demo")
  public Map<String, Object> describe() {
    return Map.of(
        "available", true,
        "storeEmpty", demo.storeEmpty(),
        "facilityCount", demo.facilityCount(),
        "descriptionZh", "合成示例数据：" + demo.facilityCount() + " 个虚构的医疗卫生机构，位于巴西阿雷格里港市中心（与示例路网和人口数据吻合），不代表任何真实机构。",
        "descriptionEn", "Synthetic demo data: " + demo.facilityCount() + " invented health facilities placed in central Porto Alegre (to match the sample road network and population grid); none is a real facility.");
  }

  @Operation(summary = "Load the synthetic demo facilities")
  @PostMapping("/api/demo/load")
  public ImportResult load() throws IOException {
    return demo.load();
  }
}
