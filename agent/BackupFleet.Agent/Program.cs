using BackupFleet.Agent.Cli;

return await AgentCli.RunAsync(args, Console.Out, Console.Error);
