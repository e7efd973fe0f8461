import { run } from "./program.js";

run(process.argv).then((code) => {
  process.exitCode = code;
});
