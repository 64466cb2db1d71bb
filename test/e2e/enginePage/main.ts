// The dashboard's engine pool on a page of its own, for the tests and benchmarks that drive it in Chromium.
import { defaultPoolSize, EnginePool } from "../../../web/src/engine.ts";

Object.assign(window, { EnginePool, defaultPoolSize });
document.body.dataset.ready = "true";
