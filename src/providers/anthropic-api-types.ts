/** The parts of Anthropic's Messages API wire format that ricegrade reads and writes. */
export interface MessagesRequest {
  model: string;
  max_tokens: number;
  temperature: number;
  system?: string;
  messages: Array<{ role: 'user' | 'assistant'; content: string }>;
}

export interface MessagesResponse {
  content?: Array<{ type?: string; text?: string }>;
  stop_reason?: string | null;
  usage?: { input_tokens?: number; output_tokens?: number };
}

export interface AnthropicErrorBody {
  type?: string;
  error?: { type?: string; message?: string };
}

export const ANTHROPIC_VERSION = '2023-06-01';
