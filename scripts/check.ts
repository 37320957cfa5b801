// `npm run check -- --url https://api.example.com/items --origin https://app.example.com --method PUT --header "Content-Type: application/json" --credentials`
//   probes a live server from this machine (= `corsboard probe`).
// `npm run check -- --server https://corsboard.example --token $TOKEN --project shop --environment prod`
//   runs an environment's saved checks on the server, the CI gate (= `corsboard check`).
// The code is the CLI's (lib/cli), shipped as the @corsboard/cli package.
import { runLegacyCheck } from "@/lib/cli/main";

void runLegacyCheck(process.argv.slice(2));
