System.Console.WriteLine("course");
