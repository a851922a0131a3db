using NetBufRules.Cli;

using var interrupts = Interrupts.Register(Console.Error);
var code = await new CliApp(CliHost.Real()).RunAsync(args, interrupts.Token).ConfigureAwait(false);
return interrupts.Finish(code);
