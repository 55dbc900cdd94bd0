import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ServiceWorkerRegistrar } from '@/components/learn/ServiceWorkerRegistrar';
import './globals.css';

export const metadata: Metadata = {
  title: 'Convas - build and train CNNs on medical images',
  description: 'Drag a convolutional neural network together, train it in your browser on skin-lesion and brain MRI tasks, export it as code.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="h-full bg-slate-50 text-slate-900 antialiased">
        {children}
        <ServiceWorkerRegistrar />
      </body>
    </html>
  );
}
