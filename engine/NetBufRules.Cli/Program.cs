using NetBufRules.Cli;

return await new CliApp(CliHost.Real()).RunAsync(args).ConfigureAwait(false);
