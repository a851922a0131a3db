using NetBufRules.Cli;

using var interrupts = Interrupts.Register(Console.Error);
var app = new CliApp(CliHost.Real());
var code = await app.RunAsync(args, interrupts.Token).ConfigureAwait(false);
// For watch, Ctrl-C and SIGTERM are how it is meant to end (with its summary); for every other command they interrupt it.
return app.SignalsEndNormally ? code : interrupts.Finish(code);
