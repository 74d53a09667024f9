// Apollo packages report usage to Apollo's servers unless told not to; tests never phone home.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
