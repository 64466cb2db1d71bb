// The dashboard's engine pool on a page of its own, for the tests and benchmarks that drive it in Chromium.
import { EnginePool } from "../../../web/src/engine.ts";

(window as unknown as { EnginePool: typeof EnginePool }).EnginePool = EnginePool;
document.body.dataset.ready = "true";
